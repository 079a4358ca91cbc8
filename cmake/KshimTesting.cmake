# kshim_add_catch2_test(NAME SOURCES t.cpp ... [MODULES mod ...]): a Catch2 test executable on
# kshim::testing (the test API, its Catch2 glue and a main), each of its TEST_CASEs a CTest test
# named "NAME:case". Each module of MODULES (a kshim_add_module target) is built first and its
# file's path given to the sources as the string macro KSHIM_KO_<mod>.
include_guard(GLOBAL)
include(Catch)

function(kshim_add_catch2_test NAME)
  cmake_parse_arguments(KT "" "" "SOURCES;MODULES" ${ARGN})
  if(NOT KT_SOURCES)
    message(FATAL_ERROR "kshim_add_catch2_test(${NAME}): SOURCES is required")
  endif()
  add_executable(${NAME} ${KT_SOURCES})
  target_link_libraries(${NAME} PRIVATE kshim::testing)
  foreach(mod ${KT_MODULES})
    if(NOT TARGET ${mod}_ko)
      message(FATAL_ERROR "kshim_add_catch2_test(${NAME}): ${mod} is not a kshim_add_module target")
    endif()
    target_compile_definitions(${NAME} PRIVATE KSHIM_KO_${mod}="$<TARGET_FILE:${mod}_ko>")
    add_dependencies(${NAME} ${mod}_ko)
  endforeach()
  catch_discover_tests(${NAME} TEST_PREFIX "${NAME}:")
endfunction()
