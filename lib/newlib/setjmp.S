/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * _setjmp and _longjmp (POSIX: setjmp without the signal mask) are
 * newlib's setjmp and longjmp, which never save a signal mask. A jump,
 * not a call: setjmp sees its caller's stack and return address.
 */
	.text
	.globl	_setjmp
	.type	_setjmp, @function
_setjmp:
	jmp	setjmp
	.size	_setjmp, . - _setjmp

	.globl	_longjmp
	.type	_longjmp, @function
_longjmp:
	jmp	longjmp
	.size	_longjmp, . - _longjmp
