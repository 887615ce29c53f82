#ifndef RECOVERYHUB_CFILESYSTEM_H
#define RECOVERYHUB_CFILESYSTEM_H

/// Atomically exchanges two paths on the same file system (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, or -1 with errno set (ENOSYS/EINVAL where unsupported).
int hub_exchange_paths(const char *first, const char *second);

#endif
