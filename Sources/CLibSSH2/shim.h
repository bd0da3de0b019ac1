#ifndef DROPGATE_CLIBSSH2_SHIM_H
#define DROPGATE_CLIBSSH2_SHIM_H

// libssh2's function-like macros (libssh2_session_init(), libssh2_sftp_opendir(), …) are not imported into
// Swift: the SFTP target calls the `_ex` functions they expand to.
#include <libssh2.h>
#include <libssh2_sftp.h>

#endif
