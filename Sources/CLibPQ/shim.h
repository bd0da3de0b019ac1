#ifndef DROPGATE_CLIBPQ_SHIM_H
#define DROPGATE_CLIBPQ_SHIM_H

// Debian installs libpq-fe.h under /usr/include/postgresql; pkg-config libpq adds that folder to the include path.
#include <libpq-fe.h>

#endif
