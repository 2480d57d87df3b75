#include "AllocatorTuning.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace herald::cli {

void tuneAllocatorForStreaming()
{
#ifdef __GLIBC__
    // Both together: a trim threshold alone would also switch off glibc's adaptive mmap threshold, and every large
    // buffer would then be a fresh mapping. At most 4 MiB of free heap stays with each arena.
    mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
#endif
}

} // namespace herald::cli
