/* A stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks: Rust's standard library
 * asks it for random bytes (ProcessPrng). The bytes come from RtlGenRandom in advapi32.
 * Only for running the program under Wine in tests; Windows has the real DLL. */
#include <windows.h>

BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
