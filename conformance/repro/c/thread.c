/* thread_fdlopen() and thread_dlopen_with_offset() are conformance/driver/thread-code.h's,
 * inlined just before this. */
