# kshim's modpost check, run after a module links: warns, as modpost does, when it has no license.
execute_process(COMMAND ${OBJCOPY} -O binary --only-section=kshim_modinfo ${KO} ${KO}.modinfo
                RESULT_VARIABLE rc)
set(info "")
if(rc EQUAL 0 AND EXISTS ${KO}.modinfo)
  file(STRINGS ${KO}.modinfo info)
  file(REMOVE ${KO}.modinfo)
endif()
if(NOT info MATCHES "license=")
  message("WARNING: modpost: missing MODULE_LICENSE() in ${NAME}.o")
endif()
