// Sanitizer builds (KSHIM_SANITIZE): the runtime's default ASan options; nothing in other builds.
#if defined(__SANITIZE_ADDRESS__) || defined(KSHIM_SANITIZE_ADDRESS)

// ASan reads this at start-up (the environment's ASAN_OPTIONS still override it). Leak checking
// at exit is off: kshim abandons the fibers of killed and parked tasks on purpose, and kmemleak
// reports what modules leak. Fiber stacks defeat stack-use-after-return's fake frames.
extern "C" const char *__asan_default_options()
{
    return "detect_leaks=0:detect_stack_use_after_return=0:allow_user_segv_handler=1";
}

#endif
