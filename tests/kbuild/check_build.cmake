# Compiles one module source as kshim_add_module does (kbuild 6.1's warning flags) and checks the
# outcome: -DEXPECT=reject needs a failure whose output matches every -DMATCH regex (|-separated);
# -DEXPECT=clean needs success with no diagnostic at all.
set(ENV{LC_ALL} C)   # ASCII quotes in diagnostics
string(REPLACE "|" ";" flags "${FLAGS}")
execute_process(
  COMMAND ${CC} -std=gnu11 -nostdinc ${flags} -D__KERNEL__ -DMODULE -DKBUILD_MODNAME="check"
          -I${INC} -fsyntax-only ${SRC}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(EXPECT STREQUAL "reject")
  if(rc EQUAL 0)
    message(FATAL_ERROR "${SRC} compiled, but Linux 6.1's kbuild rejects it:\n${out}")
  endif()
  string(REPLACE "|" ";" patterns "${MATCH}")
  foreach(p ${patterns})
    if(NOT out MATCHES "${p}")
      message(FATAL_ERROR "${SRC}: no diagnostic matching '${p}' in:\n${out}")
    endif()
  endforeach()
elseif(NOT rc EQUAL 0 OR NOT out STREQUAL "")
  message(FATAL_ERROR "${SRC} must build without a diagnostic, as with kbuild 6.1:\n${out}")
endif()
