# The command-line tools for builds outside CMake (kshim-config, kshim-cc, the Kbuild directory,
# kshim.pc), configured twice: for this build tree and for the installed tree.
include_guard(GLOBAL)

# The module compile flags as one shell word list (CMake's SHELL: prefix dropped).
get_property(kt_flags GLOBAL PROPERTY KSHIM_MODULE_FLAGS)
list(TRANSFORM kt_flags REPLACE "^SHELL:" "")
list(JOIN kt_flags " " kt_flags)
set(KT_MODULE_CFLAGS "-std=gnu11 -O2 -fPIC -fvisibility=hidden -D__KERNEL__ -DMODULE ${kt_flags}")
file(STRINGS ${KSHIM_INCLUDE_DIR}/generated/utsrelease.h kt_release REGEX "define UTS_RELEASE")
string(REGEX REPLACE ".*\"(.*)\".*" "\\1" KT_RELEASE "${kt_release}")
set(KT_VERSION ${PROJECT_VERSION})
set(KT_CC ${CMAKE_C_COMPILER})
# A sanitizer build (KSHIM_SANITIZE): runners link with the sanitizer, as the runtime did.
set(KT_SANITIZE_LIBS "")
if(KSHIM_SANITIZE)
  set(KT_SANITIZE_LIBS " -fsanitize=${KSHIM_SANITIZE}")
endif()
set(KT_TEMPLATES ${CMAKE_CURRENT_LIST_DIR}/tools)

# kshim_configure_tools(BINDIR KBUILDDIR PCFILE): writes the tools there. KT_INCLUDEDIR,
# KT_LIBDIR, KT_DATADIR and KT_BUILDDIR are as kshim-config's shell sees them, KT_KBUILD_TO_CC as
# the Kbuild Makefile sees kshim-cc, KT_PC_* as kshim.pc's variables.
function(kshim_configure_tools bindir kbuilddir pcfile)
  set(exe OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  configure_file(${KT_TEMPLATES}/kshim-config.in ${bindir}/kshim-config @ONLY FILE_PERMISSIONS ${exe})
  configure_file(${KT_TEMPLATES}/kshim-cc.in ${bindir}/kshim-cc COPYONLY FILE_PERMISSIONS ${exe})
  configure_file(${KT_TEMPLATES}/Makefile.in ${kbuilddir}/Makefile @ONLY)
  configure_file(${KT_TEMPLATES}/Makefile.build ${kbuilddir}/Makefile.build COPYONLY)
  configure_file(${KT_TEMPLATES}/kshim.pc.in ${pcfile} @ONLY)
endfunction()

# This build tree, with absolute paths: headers from the source tree, libkshim.so from shim/,
# templates from cmake/tools.
set(KT_INCLUDEDIR ${KSHIM_INCLUDE_DIR})
set(KT_LIBDIR ${CMAKE_BINARY_DIR}/shim)
set(KT_DATADIR ${KT_TEMPLATES})
set(KT_BUILDDIR ${CMAKE_BINARY_DIR}/lib/kshim/build)
set(KT_GDBSCRIPT ${PROJECT_SOURCE_DIR}/shim/gdb/kshim.py)
set(KT_KBUILD_TO_CC ${CMAKE_BINARY_DIR}/bin/kshim-cc)
set(KT_PC_PREFIX ${CMAKE_BINARY_DIR})
set(KT_PC_INCLUDEDIR ${KT_INCLUDEDIR})
set(KT_PC_LIBDIR ${KT_LIBDIR})
kshim_configure_tools(${CMAKE_BINARY_DIR}/bin ${KT_BUILDDIR} ${CMAKE_BINARY_DIR}/kshim.pc)

# The installed tree, relocatable (cmake --install --prefix anywhere): each tool finds the others
# relative to its own directory. Staged here and installed from here; the templates install with
# the CMake package, since KshimModule.cmake uses them too.
set(kt_kbuild ${CMAKE_INSTALL_LIBDIR}/kshim/build)
set(kt_pcdir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH kt_inc /${CMAKE_INSTALL_BINDIR} /${CMAKE_INSTALL_INCLUDEDIR}/kshim)
file(RELATIVE_PATH kt_lib /${CMAKE_INSTALL_BINDIR} /${CMAKE_INSTALL_LIBDIR})
file(RELATIVE_PATH kt_data /${CMAKE_INSTALL_BINDIR} /${CMAKE_INSTALL_LIBDIR}/cmake/kshim/tools)
file(RELATIVE_PATH kt_build /${CMAKE_INSTALL_BINDIR} /${kt_kbuild})
file(RELATIVE_PATH kt_cc /${kt_kbuild} /${CMAKE_INSTALL_BINDIR}/kshim-cc)
file(RELATIVE_PATH kt_gdb /${CMAKE_INSTALL_BINDIR} /${CMAKE_INSTALL_DATADIR}/kshim/gdb/kshim.py)
file(RELATIVE_PATH kt_prefix /${kt_pcdir} /)
set(KT_INCLUDEDIR "$here/${kt_inc}")
set(KT_LIBDIR "$here/${kt_lib}")
set(KT_DATADIR "$here/${kt_data}")
set(KT_BUILDDIR "$(cd \"$here/${kt_build}\" && pwd)")
set(KT_GDBSCRIPT "$here/${kt_gdb}")
set(KT_KBUILD_TO_CC "$(KSHIM_KBUILD)/${kt_cc}")
set(KT_PC_PREFIX "\${pcfiledir}/${kt_prefix}")
set(KT_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}/kshim")
set(KT_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
set(kt_stage ${CMAKE_BINARY_DIR}/install-tools)
kshim_configure_tools(${kt_stage}/bin ${kt_stage}/build ${kt_stage}/kshim.pc)
install(PROGRAMS ${kt_stage}/bin/kshim-config ${kt_stage}/bin/kshim-cc DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${kt_stage}/build/Makefile ${kt_stage}/build/Makefile.build DESTINATION ${kt_kbuild})
install(FILES ${kt_stage}/kshim.pc DESTINATION ${kt_pcdir})
install(FILES ${PROJECT_SOURCE_DIR}/shim/gdb/kshim.py DESTINATION ${CMAKE_INSTALL_DATADIR}/kshim/gdb)
