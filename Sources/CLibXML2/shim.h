#ifndef DROPGATE_CLIBXML2_SHIM_H
#define DROPGATE_CLIBXML2_SHIM_H

// libxml2 headers next to Foundation clash over ICU: read the build options first, then hide ICU.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#endif
