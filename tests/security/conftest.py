"""The schema fuzzing run's figures at the end of the session: cases per role, 0 x 5xx."""

import time
from collections import Counter

import pytest

_CASES = pytest.StashKey[Counter[str]]()
_started = time.monotonic()


@pytest.fixture(scope="session")
def fuzz_cases(pytestconfig: pytest.Config) -> Counter[str]:
    """Cases sent per role by tests/security/test_schema_fuzz.py."""
    return pytestconfig.stash.setdefault(_CASES, Counter())


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config):
    cases = config.stash.get(_CASES, None)
    if not cases:
        return
    failed = [r for r in terminalreporter.stats.get("failed", []) if "test_schema_fuzz" in r.nodeid]
    per_role = ", ".join(f"{role} {count}" for role, count in sorted(cases.items()))
    terminalreporter.write_line(
        f"schemathesis: {sum(cases.values())} cases ({per_role}); "
        f"{len(failed)} operation(s) with a 5xx; {time.monotonic() - _started:.0f} s into the session"
    )
