/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: printf/scanf macros for stdint.h types and intmax helpers. */
#ifndef __NOLIBC_INTTYPES_H__
#define __NOLIBC_INTTYPES_H__

#include <stdint.h>

/* Length modifier of int64_t: long on LP64, long long elsewhere. */
#if __SIZEOF_LONG__ == 8
#define __NOLIBC_PRI64 "l"
#else
#define __NOLIBC_PRI64 "ll"
#endif

/* Length modifier of a type from its width in bits. */
#define __NOLIBC_PRIW_8 "hh"
#define __NOLIBC_PRIW_16 "h"
#define __NOLIBC_PRIW_32 ""
#define __NOLIBC_PRIW_64 __NOLIBC_PRI64
#define __NOLIBC_PRIW_(w) __NOLIBC_PRIW_##w
#define __NOLIBC_PRIW(w) __NOLIBC_PRIW_(w)

#define __NOLIBC_PRIF8 __NOLIBC_PRIW(__INT_FAST8_WIDTH__)
#define __NOLIBC_PRIF16 __NOLIBC_PRIW(__INT_FAST16_WIDTH__)
#define __NOLIBC_PRIF32 __NOLIBC_PRIW(__INT_FAST32_WIDTH__)
#define __NOLIBC_PRIF64 __NOLIBC_PRIW(__INT_FAST64_WIDTH__)

#if __SIZEOF_POINTER__ == __SIZEOF_LONG__
#define __NOLIBC_PRIPTR "l"
#else
#define __NOLIBC_PRIPTR ""
#endif

#define PRId8		"d"
#define PRId16		"d"
#define PRId32		"d"
#define PRId64		__NOLIBC_PRI64 "d"
#define PRIi8		"i"
#define PRIi16		"i"
#define PRIi32		"i"
#define PRIi64		__NOLIBC_PRI64 "i"
#define PRIo8		"o"
#define PRIo16		"o"
#define PRIo32		"o"
#define PRIo64		__NOLIBC_PRI64 "o"
#define PRIu8		"u"
#define PRIu16		"u"
#define PRIu32		"u"
#define PRIu64		__NOLIBC_PRI64 "u"
#define PRIx8		"x"
#define PRIx16		"x"
#define PRIx32		"x"
#define PRIx64		__NOLIBC_PRI64 "x"
#define PRIX8		"X"
#define PRIX16		"X"
#define PRIX32		"X"
#define PRIX64		__NOLIBC_PRI64 "X"

#define PRIdLEAST8	PRId8
#define PRIdLEAST16	PRId16
#define PRIdLEAST32	PRId32
#define PRIdLEAST64	PRId64
#define PRIiLEAST8	PRIi8
#define PRIiLEAST16	PRIi16
#define PRIiLEAST32	PRIi32
#define PRIiLEAST64	PRIi64
#define PRIoLEAST8	PRIo8
#define PRIoLEAST16	PRIo16
#define PRIoLEAST32	PRIo32
#define PRIoLEAST64	PRIo64
#define PRIuLEAST8	PRIu8
#define PRIuLEAST16	PRIu16
#define PRIuLEAST32	PRIu32
#define PRIuLEAST64	PRIu64
#define PRIxLEAST8	PRIx8
#define PRIxLEAST16	PRIx16
#define PRIxLEAST32	PRIx32
#define PRIxLEAST64	PRIx64
#define PRIXLEAST8	PRIX8
#define PRIXLEAST16	PRIX16
#define PRIXLEAST32	PRIX32
#define PRIXLEAST64	PRIX64

#define PRIdFAST8	__NOLIBC_PRIF8 "d"
#define PRIdFAST16	__NOLIBC_PRIF16 "d"
#define PRIdFAST32	__NOLIBC_PRIF32 "d"
#define PRIdFAST64	__NOLIBC_PRIF64 "d"
#define PRIiFAST8	__NOLIBC_PRIF8 "i"
#define PRIiFAST16	__NOLIBC_PRIF16 "i"
#define PRIiFAST32	__NOLIBC_PRIF32 "i"
#define PRIiFAST64	__NOLIBC_PRIF64 "i"
#define PRIoFAST8	__NOLIBC_PRIF8 "o"
#define PRIoFAST16	__NOLIBC_PRIF16 "o"
#define PRIoFAST32	__NOLIBC_PRIF32 "o"
#define PRIoFAST64	__NOLIBC_PRIF64 "o"
#define PRIuFAST8	__NOLIBC_PRIF8 "u"
#define PRIuFAST16	__NOLIBC_PRIF16 "u"
#define PRIuFAST32	__NOLIBC_PRIF32 "u"
#define PRIuFAST64	__NOLIBC_PRIF64 "u"
#define PRIxFAST8	__NOLIBC_PRIF8 "x"
#define PRIxFAST16	__NOLIBC_PRIF16 "x"
#define PRIxFAST32	__NOLIBC_PRIF32 "x"
#define PRIxFAST64	__NOLIBC_PRIF64 "x"
#define PRIXFAST8	__NOLIBC_PRIF8 "X"
#define PRIXFAST16	__NOLIBC_PRIF16 "X"
#define PRIXFAST32	__NOLIBC_PRIF32 "X"
#define PRIXFAST64	__NOLIBC_PRIF64 "X"

#define PRIdMAX		"jd"
#define PRIiMAX		"ji"
#define PRIoMAX		"jo"
#define PRIuMAX		"ju"
#define PRIxMAX		"jx"
#define PRIXMAX		"jX"
#define PRIdPTR		__NOLIBC_PRIPTR "d"
#define PRIiPTR		__NOLIBC_PRIPTR "i"
#define PRIoPTR		__NOLIBC_PRIPTR "o"
#define PRIuPTR		__NOLIBC_PRIPTR "u"
#define PRIxPTR		__NOLIBC_PRIPTR "x"
#define PRIXPTR		__NOLIBC_PRIPTR "X"

#define SCNd8		"hhd"
#define SCNd16		"hd"
#define SCNd32		"d"
#define SCNd64		__NOLIBC_PRI64 "d"
#define SCNi8		"hhi"
#define SCNi16		"hi"
#define SCNi32		"i"
#define SCNi64		__NOLIBC_PRI64 "i"
#define SCNo8		"hho"
#define SCNo16		"ho"
#define SCNo32		"o"
#define SCNo64		__NOLIBC_PRI64 "o"
#define SCNu8		"hhu"
#define SCNu16		"hu"
#define SCNu32		"u"
#define SCNu64		__NOLIBC_PRI64 "u"
#define SCNx8		"hhx"
#define SCNx16		"hx"
#define SCNx32		"x"
#define SCNx64		__NOLIBC_PRI64 "x"

#define SCNdLEAST8	SCNd8
#define SCNdLEAST16	SCNd16
#define SCNdLEAST32	SCNd32
#define SCNdLEAST64	SCNd64
#define SCNiLEAST8	SCNi8
#define SCNiLEAST16	SCNi16
#define SCNiLEAST32	SCNi32
#define SCNiLEAST64	SCNi64
#define SCNoLEAST8	SCNo8
#define SCNoLEAST16	SCNo16
#define SCNoLEAST32	SCNo32
#define SCNoLEAST64	SCNo64
#define SCNuLEAST8	SCNu8
#define SCNuLEAST16	SCNu16
#define SCNuLEAST32	SCNu32
#define SCNuLEAST64	SCNu64
#define SCNxLEAST8	SCNx8
#define SCNxLEAST16	SCNx16
#define SCNxLEAST32	SCNx32
#define SCNxLEAST64	SCNx64

#define SCNdFAST8	__NOLIBC_PRIF8 "d"
#define SCNdFAST16	__NOLIBC_PRIF16 "d"
#define SCNdFAST32	__NOLIBC_PRIF32 "d"
#define SCNdFAST64	__NOLIBC_PRIF64 "d"
#define SCNiFAST8	__NOLIBC_PRIF8 "i"
#define SCNiFAST16	__NOLIBC_PRIF16 "i"
#define SCNiFAST32	__NOLIBC_PRIF32 "i"
#define SCNiFAST64	__NOLIBC_PRIF64 "i"
#define SCNoFAST8	__NOLIBC_PRIF8 "o"
#define SCNoFAST16	__NOLIBC_PRIF16 "o"
#define SCNoFAST32	__NOLIBC_PRIF32 "o"
#define SCNoFAST64	__NOLIBC_PRIF64 "o"
#define SCNuFAST8	__NOLIBC_PRIF8 "u"
#define SCNuFAST16	__NOLIBC_PRIF16 "u"
#define SCNuFAST32	__NOLIBC_PRIF32 "u"
#define SCNuFAST64	__NOLIBC_PRIF64 "u"
#define SCNxFAST8	__NOLIBC_PRIF8 "x"
#define SCNxFAST16	__NOLIBC_PRIF16 "x"
#define SCNxFAST32	__NOLIBC_PRIF32 "x"
#define SCNxFAST64	__NOLIBC_PRIF64 "x"

#define SCNdMAX		"jd"
#define SCNiMAX		"ji"
#define SCNoMAX		"jo"
#define SCNuMAX		"ju"
#define SCNxMAX		"jx"
#define SCNdPTR		__NOLIBC_PRIPTR "d"
#define SCNiPTR		__NOLIBC_PRIPTR "i"
#define SCNoPTR		__NOLIBC_PRIPTR "o"
#define SCNuPTR		__NOLIBC_PRIPTR "u"
#define SCNxPTR		__NOLIBC_PRIPTR "x"

typedef struct {
	intmax_t quot;
	intmax_t rem;
} imaxdiv_t;

intmax_t imaxabs(intmax_t j);
imaxdiv_t imaxdiv(intmax_t numer, intmax_t denom);
intmax_t strtoimax(const char *__restrict nptr, char **__restrict endptr,
		   int base);
uintmax_t strtoumax(const char *__restrict nptr, char **__restrict endptr,
		    int base);

#endif /* __NOLIBC_INTTYPES_H__ */
