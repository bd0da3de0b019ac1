#ifndef DROPGATE_CSQLITETUNING_H
#define DROPGATE_CSQLITETUNING_H

/// Turns off SQLite's global memory statistics before the library initialises.
///
/// With statistics on (the default), every allocation SQLite makes takes a global mutex; on the
/// ingest hot path that lock costs about a fifth of the CPU time. `sqlite3_config` is variadic, so
/// Swift cannot call it directly. Returns SQLITE_OK, or SQLITE_MISUSE if SQLite was already in use.
int dropgate_sqlite_disable_memory_statistics(void);

#endif
