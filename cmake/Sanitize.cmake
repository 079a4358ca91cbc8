# KSHIM_SANITIZE=address|undefined|address,undefined: every target compiled and linked with the
# sanitizers, errors fatal (-fno-sanitize-recover), and KSHIM_SANITIZE_ADDRESS /
# KSHIM_SANITIZE_UNDEFINED defined so the runtime and the tests know the mode.
include_guard(GLOBAL)
string(REPLACE "," ";" kshim_sanitizers "${KSHIM_SANITIZE}")
foreach(s IN LISTS kshim_sanitizers)
  if(NOT s MATCHES "^(address|undefined)$")
    message(FATAL_ERROR "KSHIM_SANITIZE: '${s}' is neither address nor undefined")
  endif()
  string(TOUPPER "${s}" up)
  add_compile_definitions(KSHIM_SANITIZE_${up}=1)
endforeach()
add_compile_options(-fsanitize=${KSHIM_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
add_link_options(-fsanitize=${KSHIM_SANITIZE})
