"""Limits a process puts on itself before reading a hostile file: memory, lifetime, noise.

A batch worker applies all of them; ``extract`` applies the memory cap. Each
is enforced by the kernel, so it holds even while a library is stuck in C
code with the interpreter lock held.
"""
from __future__ import annotations

import ctypes
import math
import os
import signal
import sys

DEFAULT_MEMORY_LIMIT_MB = 1024
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space, so a decompression bomb raises MemoryError
    (or the process dies) long before it takes the machine's memory."""
    try:
        import resource
    except ImportError:  # not on this platform: the batch timeout still applies
        return
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def die_with_parent() -> None:
    """Ask the kernel to kill this process when the process that started it exits (Linux).

    A batch worker's parent is the fork server, which exits as soon as the
    batch's process does (it sees its pipe close), however that one ended.
    """
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def hard_deadline(seconds: float) -> None:
    """End this process after seconds of wall time, whatever it is doing.

    SIGALRM's default action terminates the process in the kernel: no Python
    handler has to run, so a parent that died and a library stuck in C code
    cannot keep a worker alive past its time.
    """
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(max(1, math.ceil(seconds)))


def ignore_interrupts() -> None:
    """Leave Ctrl-C to the parent: it stops the batch and reports it in one line."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def silence_stderr() -> None:
    """Send this process's stderr (library log lines, C library messages) to /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
