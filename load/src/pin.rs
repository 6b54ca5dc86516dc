//! CPU pinning (Linux `sched_setaffinity`): the server on CPU 0, the generator on CPU 1, so neither steals the
//! other's time. Elsewhere (or with one CPU) pinning is skipped.

/// Pins the calling process (and threads it starts later) to one CPU.
pub fn to_cpu(cpu: usize) {
    #[cfg(target_os = "linux")]
    // SAFETY: a zeroed cpu_set_t is a valid empty set; CPU_SET and sched_setaffinity only read and write it.
    unsafe {
        if libc::sysconf(libc::_SC_NPROCESSORS_ONLN) <= cpu as libc::c_long {
            return;
        }
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = cpu;
}
