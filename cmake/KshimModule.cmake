# kshim_add_module(NAME SOURCES a.c b.c ...): builds NAME.ko (a loadable module) and NAME (a
# runner executable with that module), compiling the C sources as kbuild would.
include_guard(GLOBAL)
set(KSHIM_MODULE_CMAKE_DIR ${CMAKE_CURRENT_LIST_DIR})

# The warning flags Debian's Linux 6.1 kbuild passes to gcc 12 for an out-of-tree module (read
# from `make V=1` against linux-headers-6.1.0-57-amd64: the top Makefile plus
# scripts/Makefile.extrawarn at W=0), in its order. The -Werror= ones make the same mistakes
# fatal: implicit declarations and int, missing returns, old-style prototypes, __DATE__/__TIME__,
# incompatible pointers, positional initialisers of designated_init structs.
set_property(GLOBAL PROPERTY KSHIM_KBUILD_WARNINGS
  -Wall -Wundef -Werror=strict-prototypes -Wno-trigraphs
  -Werror=implicit-function-declaration -Werror=implicit-int -Werror=return-type -Wno-format-security
  -Wno-sign-compare -Wno-frame-address -Wno-format-truncation -Wno-format-overflow
  -Wno-address-of-packed-member -Wframe-larger-than=2048 -Wno-main -Wno-unused-but-set-variable
  -Wno-unused-const-variable -Wno-dangling-pointer -Wvla -Wno-pointer-sign -Wcast-function-type
  -Wno-stringop-truncation -Wno-stringop-overflow -Wno-restrict -Wno-maybe-uninitialized
  -Wno-array-bounds -Wno-alloc-size-larger-than -Wimplicit-fallthrough=5
  -Werror=date-time -Werror=incompatible-pointer-types -Werror=designated-init -Wno-packed-not-aligned)

# Every flag a module source is compiled with beyond the C standard, PIC and hidden visibility,
# shared with kshim-cc (cmake/tools): no libc headers, the configuration in front of every source
# (linux/kconfig.h: Debian 6.1's CONFIG_ values and IS_ENABLED), Linux 6.1's warning set, keep
# NULL checks and frame pointers.
get_property(KSHIM_KBUILD_WARNINGS GLOBAL PROPERTY KSHIM_KBUILD_WARNINGS)
set_property(GLOBAL PROPERTY KSHIM_MODULE_FLAGS -nostdinc "SHELL:-include linux/kconfig.h"
  ${KSHIM_KBUILD_WARNINGS} -fno-strict-aliasing -fno-common -fno-delete-null-pointer-checks
  -fstack-clash-protection -fno-omit-frame-pointer)

# Module code in a sanitizer build (KSHIM_SANITIZE, cmake/Sanitize.cmake; an outside project
# gets the installed kshim's value from kshimConfig.cmake): instrumented as the kernel instruments
# it, in every module path (kshim_add_module, and kshim-cc, the Kbuild directory and kshim.pc
# through KSHIM_MODULE_FLAGS), while the runtime keeps the whole of -fsanitize=undefined.
# ASan stands in for KASAN, which instruments modules too. UBSan gets Linux 6.1's CONFIG_UBSAN
# set as gcc 12 on x86_64 builds it (lib/Kconfig.ubsan, scripts/Makefile.ubsan), the options at
# their defaults: UBSAN_BOUNDS (gcc has no -fsanitize=array-bounds, so UBSAN_ONLY_BOUNDS:
# -fsanitize=bounds), UBSAN_SHIFT, UBSAN_BOOL and UBSAN_ENUM. Not in it: UBSAN_DIV_ZERO (off by
# default; x86 traps a division by zero anyway), UBSAN_UNREACHABLE (impossible with objtool),
# UBSAN_ALIGNMENT (off where HAVE_EFFICIENT_UNALIGNED_ACCESS), UBSAN_LOCAL_BOUNDS (trap mode
# only), and no CONFIG_UBSAN option at all for -fsanitize=null, pointer-overflow, object-size,
# return, vla-bound, signed-integer-overflow or the function checks: kernel code does
# container_of() on NULL and NULL dereferences that oops, and neither must be reported first.
set(kshim_module_sanitize "")
if(KSHIM_SANITIZE MATCHES "address")
  list(APPEND kshim_module_sanitize -fsanitize=address)
endif()
if(KSHIM_SANITIZE MATCHES "undefined")
  list(APPEND kshim_module_sanitize -fno-sanitize=undefined -fsanitize=bounds,shift,bool,enum)
endif()
if(KSHIM_SANITIZE)
  list(APPEND kshim_module_sanitize -fno-sanitize-recover=all)
endif()
# Apart too, for module code built without kshim_add_module (the symbolizer's test fixtures).
set_property(GLOBAL PROPERTY KSHIM_MODULE_SANITIZE_FLAGS ${kshim_module_sanitize})
set_property(GLOBAL APPEND PROPERTY KSHIM_MODULE_FLAGS ${kshim_module_sanitize})

function(kshim_add_module NAME)
  cmake_parse_arguments(KM "" "" "SOURCES" ${ARGN})
  if(NOT KM_SOURCES)
    message(FATAL_ERROR "kshim_add_module(${NAME}): SOURCES is required")
  endif()
  # What modpost generates: the struct module that names init, exit, params and exports.
  set(modc ${CMAKE_CURRENT_BINARY_DIR}/${NAME}.mod.c)
  configure_file(${KSHIM_MODULE_CMAKE_DIR}/tools/kshim_mod.c.in ${modc} @ONLY)
  add_library(${NAME}_ko MODULE ${KM_SOURCES} ${modc})
  set_target_properties(${NAME}_ko PROPERTIES PREFIX "" OUTPUT_NAME ${NAME} SUFFIX ".ko"
    C_STANDARD 11 C_EXTENSIONS ON C_VISIBILITY_PRESET hidden POSITION_INDEPENDENT_CODE ON)
  target_compile_definitions(${NAME}_ko PRIVATE __KERNEL__ MODULE KBUILD_MODNAME="${NAME}")
  # kbuild's flags (KSHIM_MODULE_FLAGS above), so a module the real build rejects fails here too.
  get_property(KSHIM_MODULE_FLAGS GLOBAL PROPERTY KSHIM_MODULE_FLAGS)
  target_compile_options(${NAME}_ko PRIVATE ${KSHIM_MODULE_FLAGS})
  target_include_directories(${NAME}_ko PRIVATE ${KSHIM_INCLUDE_DIR})
  target_link_options(${NAME}_ko PRIVATE -Wl,-Bsymbolic)
  add_custom_command(TARGET ${NAME}_ko POST_BUILD
    COMMAND ${CMAKE_COMMAND} -DKO=$<TARGET_FILE:${NAME}_ko> -DNAME=${NAME}
            -DOBJCOPY=${CMAKE_OBJCOPY} -P ${KSHIM_MODULE_CMAKE_DIR}/tools/kshim_modpost.cmake
    VERBATIM)
  # The runner executable: finds NAME.ko beside itself.
  set(mainc ${CMAKE_CURRENT_BINARY_DIR}/${NAME}.runner.c)
  configure_file(${KSHIM_MODULE_CMAKE_DIR}/tools/kshim_runner.c.in ${mainc} @ONLY)
  add_executable(${NAME} ${mainc})
  target_link_libraries(${NAME} PRIVATE kshim::kshim)
  add_dependencies(${NAME} ${NAME}_ko)
endfunction()

# kshim_add_kunit_test(NAME SOURCES test.c code_under_test.c ... [ARGS runner-args...]): builds
# the KUnit test file with the code under test as one module, NAME (its runner executable), and
# registers one CTest test per suite, NAME.SUITE, running `NAME --time virtual --filter SUITE
# ARGS`: `ctest -R NAME.SUITE` runs that suite alone. The suites are found after each build by
# `NAME --list` (as gtest_discover_tests does), so adding a suite needs no CMake edit.
function(kshim_add_kunit_test NAME)
  cmake_parse_arguments(KK "" "" "SOURCES;ARGS" ${ARGN})
  if(NOT KK_SOURCES)
    message(FATAL_ERROR "kshim_add_kunit_test(${NAME}): SOURCES is required")
  endif()
  kshim_add_module(${NAME} SOURCES ${KK_SOURCES})
  set(tests_file ${CMAKE_CURRENT_BINARY_DIR}/${NAME}_kunit_tests.cmake)
  add_custom_command(TARGET ${NAME} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:${NAME}> -DNAME=${NAME} -DOUT=${tests_file}
            "-DARGS=${KK_ARGS}" -P ${KSHIM_MODULE_CMAKE_DIR}/tools/kshim_kunit_discover.cmake
    BYPRODUCTS ${tests_file} VERBATIM)
  # Before the first build there is no list yet: a test that says so stands in.
  set(include_file ${CMAKE_CURRENT_BINARY_DIR}/${NAME}_kunit_include.cmake)
  file(WRITE ${include_file} "if(EXISTS [=[${tests_file}]=])\n  include([=[${tests_file}]=])\nelse()\n"
       "  add_test(${NAME}_NOT_BUILT ${NAME}_NOT_BUILT)\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${include_file})
endfunction()
