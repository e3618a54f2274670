// Header-only module; SwiftPM wants one C source file in a C target.
#include "CLibFuzzer.h"
