/* UTS_RELEASE: the emulated kernel's release string (uname -r), the one copy the runtime uses. */
#ifndef _GENERATED_UTSRELEASE_H
#define _GENERATED_UTSRELEASE_H

#define UTS_RELEASE "6.1.0-kshim"

#endif
