"""A small process supervisor: starts its children, restarts one that dies, stops them all.

Each child runs in its own session (process group), so the supervisor alone decides what reaches
it: Ctrl-C or SIGTERM is passed on to every group, a child still alive after the grace period is
SIGKILLed with its whole group, and a second Ctrl-C kills at once. Each child also gets SIGTERM
from the kernel if the supervisor itself dies (PR_SET_PDEATHSIG), so nothing is left orphaned.

A child that dies is started again after a short pause, doubling while it keeps dying within
seconds of its start; after `max_quick_failures` such deaths in a row the supervisor gives up and
stops everything (a port already in use, a broken configuration: better said than looped on).
"""

import ctypes
import logging
import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger("homeclaim.supervisor")

QUICK = 5.0  # seconds: a child that dies sooner than this after its start "failed quickly"


def _die_with_parent() -> None:  # runs in the child between fork and exec
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@dataclass
class Child:
    name: str
    argv: Callable[
        [], tuple[list[str], dict[str, str]]
    ]  # a fresh command and environment per start
    # Called with the name, the environment it ran with and its exit status, after its successor
    # has started (so that a slow clean-up never delays the restart).
    on_exit: Callable[[str, dict[str, str], int], None] | None = None
    process: subprocess.Popen | None = None
    env: dict[str, str] = field(default_factory=dict)
    started_at: float = 0.0
    quick_failures: int = 0
    restart_at: float | None = None
    restarts: int = 0
    exits: list[tuple[dict[str, str], int]] = field(default_factory=list)  # awaiting on_exit


def describe(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exited with code {returncode}"


class Supervisor:
    def __init__(
        self,
        children: list[Child],
        *,
        grace: float = 15.0,
        max_quick_failures: int = 5,
        poll: float = 0.2,
    ) -> None:
        self.children = children
        self.grace = grace
        self.max_quick_failures = max_quick_failures
        self.poll = poll
        self.stop_signal: int | None = None
        self.signals_seen = 0

    # --- signals --------------------------------------------------------------------------

    def _on_signal(self, signum: int, frame: object) -> None:
        self.signals_seen += 1
        if self.stop_signal is None:
            self.stop_signal = signum
        if self.signals_seen > 1:  # a second Ctrl-C: no more waiting
            for child in self.children:
                self._kill_group(child, signal.SIGKILL)

    def _install_signals(self) -> None:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._on_signal)

    # --- children -------------------------------------------------------------------------

    def _start(self, child: Child) -> None:
        argv, env = child.argv()
        child.env = env
        child.process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            argv,
            env={**os.environ, **env},
            start_new_session=True,
            preexec_fn=_die_with_parent,  # the supervisor is single-threaded
        )
        child.started_at = time.monotonic()
        child.restart_at = None
        log.info("started %s (pid %d)", child.name, child.process.pid)

    def _kill_group(self, child: Child, signum: int) -> None:
        if child.process is None or child.process.returncode is not None:
            return
        try:
            os.killpg(child.process.pid, signum)
        except ProcessLookupError:
            pass

    def _exited(self, child: Child, returncode: int) -> None:
        assert child.process is not None
        pid = child.process.pid
        # Whatever it left behind in its group (a gunicorn worker, a reloader's child) goes too.
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        child.exits.append((child.env, returncode))
        child.process = None
        if self.stop_signal is not None:
            return
        lived = time.monotonic() - child.started_at
        child.quick_failures = child.quick_failures + 1 if lived < QUICK else 0
        # At once after a life of some length; backing off while it keeps dying at start.
        delay = 0.5 * 2 ** min(child.quick_failures - 1, 5) if child.quick_failures else 0.0
        child.restart_at = time.monotonic() + delay
        child.restarts += 1
        log.warning(
            "%s (pid %d) %s after %.0f s; starting it again in %.1f s",
            child.name,
            pid,
            describe(returncode),
            lived,
            delay,
        )

    def run(self) -> int:
        """Run until a signal asks to stop (0) or a child keeps failing at start (1)."""
        self._install_signals()
        for child in self.children:
            self._start(child)
        status = 0
        try:
            while self.stop_signal is None:
                time.sleep(self.poll)
                for child in self.children:
                    if child.process is not None:
                        returncode = child.process.poll()
                        if returncode is not None:
                            self._exited(child, returncode)
                    if child.quick_failures >= self.max_quick_failures:
                        log.error("%s keeps failing at start: stopping everything", child.name)
                        self.stop_signal = signal.SIGTERM
                        status = 1
                        break
                    if child.process is None and child.restart_at is not None:
                        if time.monotonic() >= child.restart_at and self.stop_signal is None:
                            self._start(child)
                    self._clean_up(child)
        finally:
            self.stop()
        return status

    def _clean_up(self, child: Child) -> None:
        while child.exits:
            env, returncode = child.exits.pop(0)
            if child.on_exit is not None:
                try:
                    child.on_exit(child.name, env, returncode)
                except Exception:
                    log.exception("cleaning up after %s failed", child.name)

    def stop(self) -> None:
        """Pass the stop signal to every child's group, wait the grace period, then SIGKILL."""
        signum = self.stop_signal or signal.SIGTERM
        if signum == signal.SIGHUP:
            signum = signal.SIGTERM
        self.stop_signal = signum
        for child in self.children:
            self._kill_group(child, signum)
        deadline = time.monotonic() + self.grace
        while any(c.process is not None for c in self.children):
            for child in self.children:
                if child.process is not None and child.process.poll() is not None:
                    self._exited(child, child.process.returncode)
            if time.monotonic() > deadline:
                for child in self.children:
                    if child.process is not None:
                        log.warning("%s did not stop in %.0f s: killing it", child.name, self.grace)
                        self._kill_group(child, signal.SIGKILL)
                deadline = float("inf")
            time.sleep(0.05)
        for child in self.children:
            self._clean_up(child)
