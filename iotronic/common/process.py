"""Child processes that must not outlive the process that started them."""

import ctypes
import ctypes.util
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent():
    """For ``preexec_fn``: the child gets SIGTERM when its parent dies,
    even by SIGKILL, so a router or a board agent started by the
    all-in-one or a test is never left behind. Linux only; elsewhere a
    no-op."""
    libc_name = ctypes.util.find_library('c')
    if libc_name is None:
        return
    libc = ctypes.CDLL(libc_name, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
