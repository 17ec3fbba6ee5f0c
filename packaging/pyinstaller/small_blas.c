/* What the reference BLAS and LAPACK archives need besides themselves, for small_blas.py.
 *
 * The error handlers print and return, as OpenBLAS's do (the reference LAPACK's would stop
 * the program, and print through the Fortran runtime). The three Fortran runtime helpers
 * the LAPACK routines numpy calls use (ILAENV's option strings, integer powers) are written
 * out here so the library needs no libgfortran: the same code as libgfortran's, for its
 * GFORTRAN_8 interface (string lengths as size_t).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void cblas_xerbla(int64_t info, const char *routine, const char *form, ...)
{
    (void)form;
    fprintf(stderr, "BLAS: parameter %lld of %s had an illegal value\n", (long long)info,
            routine);
}

void xerbla_(const char *routine, const int64_t *info, size_t length)
{
    fprintf(stderr, "LAPACK: parameter %lld of %.*s had an illegal value\n",
            (long long)*info, (int)length, routine);
}

void _gfortran_concat_string(size_t destlen, char *dest, size_t len1, const char *s1,
                             size_t len2, const char *s2)
{
    if (len1 >= destlen) {
        memcpy(dest, s1, destlen);
        return;
    }
    memcpy(dest, s1, len1);
    dest += len1;
    destlen -= len1;
    if (len2 >= destlen) {
        memcpy(dest, s2, destlen);
        return;
    }
    memcpy(dest, s2, len2);
    memset(dest + len2, ' ', destlen - len2);
}

#define INTEGER_POWER(name, real)                                                           \
    real name(real a, int64_t b)                                                            \
    {                                                                                       \
        real power = 1, x = a;                                                              \
        uint64_t u;                                                                         \
        if (b == 0)                                                                         \
            return power;                                                                   \
        if (b < 0) {                                                                        \
            u = -(uint64_t)b;                                                               \
            x = power / x;                                                                  \
        } else {                                                                            \
            u = (uint64_t)b;                                                                \
        }                                                                                   \
        for (;;) {                                                                          \
            if (u & 1)                                                                      \
                power *= x;                                                                 \
            u >>= 1;                                                                        \
            if (!u)                                                                         \
                return power;                                                               \
            x *= x;                                                                         \
        }                                                                                   \
    }

INTEGER_POWER(_gfortran_pow_r4_i8, float)
INTEGER_POWER(_gfortran_pow_r8_i8, double)
