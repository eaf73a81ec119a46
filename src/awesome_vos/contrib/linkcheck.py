"""Check many URLs at once while staying polite to each host: the engine behind `awesome-vos links`.

Work is split into lanes per host (at most `per_host` at a time, each request to a host starting at least
`delay` seconds after the previous one), so a list dominated by arxiv.org neither hammers it nor holds up
the other hosts. Transient failures (timeouts, 5xx, 429) are retried with exponential backoff; 401, 403 and
429 are warnings, since publishers often refuse robots a page that people can read.
"""

from __future__ import annotations

import http.client
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

Verdict = Literal["ok", "warning", "broken"]
Progress = Callable[[int, int], None]

TOLERATED = frozenset({401, 403, 429})
"""Answers that mean "not for robots" rather than "gone": reported, never failing."""
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class Policy:
    """How hard to try and how gently: timeouts in seconds, at most `per_host` requests at once per host."""

    timeout: float = 15.0
    retries: int = 2
    backoff: float = 2.0
    per_host: int = 2
    delay: float = 1.0
    workers: int = 16
    user_agent: str = "awesome-vos-link-check/1 (+https://github.com/awesome-vos/awesome-vos)"
    read: int = 0
    """Bytes of an answer's body to keep (verify-sources reads pages); 0 keeps none, as a link needs none."""


@dataclass(frozen=True)
class Outcome:
    """What one URL answered in the end."""

    url: str
    verdict: Verdict
    detail: str
    final_url: str | None = None
    body: bytes | None = None
    """The first `Policy.read` bytes of a successful answer, when asked for."""
    content_type: str = ""


@dataclass(frozen=True)
class _Attempt:
    outcome: Outcome
    transient: bool
    wait: float = 0.0


class _Host:
    """Spaces out the starts of requests to one host."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.lock = threading.Lock()
        self.next_start = 0.0

    def wait_turn(self) -> None:
        with self.lock:
            pause = self.next_start - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            self.next_start = time.monotonic() + self.delay


def _retry_after(error: urllib.error.HTTPError) -> float:
    value = error.headers.get("Retry-After", "") if error.headers else ""
    return min(float(value), MAX_RETRY_AFTER) if value.isdigit() else 0.0


def _attempt(url: str, policy: Policy) -> _Attempt:
    request = urllib.request.Request(url, headers={"User-Agent": policy.user_agent, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=policy.timeout) as response:
            final = response.geturl()
            detail = f"{response.status} {response.reason}"
            body = response.read(policy.read) if policy.read else None
            kind = response.headers.get("Content-Type", "")
            outcome = Outcome(url, "ok", detail, final if final != url else None, body, kind)
            return _Attempt(outcome, transient=False)
    except urllib.error.HTTPError as error:
        error.close()
        detail = f"{error.code} {error.reason}"
        if error.code in TOLERATED:
            outcome = Outcome(url, "warning", detail)
            return _Attempt(outcome, transient=error.code == 429, wait=_retry_after(error))
        return _Attempt(Outcome(url, "broken", detail), transient=error.code >= 500)
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return _Attempt(Outcome(url, "broken", f"timed out after {policy.timeout:g} s"), transient=True)
        return _Attempt(Outcome(url, "broken", f"cannot connect: {reason}"), transient=True)
    except TimeoutError:
        return _Attempt(Outcome(url, "broken", f"timed out after {policy.timeout:g} s"), transient=True)
    except (http.client.HTTPException, ConnectionError) as error:
        return _Attempt(Outcome(url, "broken", f"connection failed: {error!r}"), transient=True)
    except ValueError as error:
        return _Attempt(Outcome(url, "broken", f"not a URL we can open: {error}"), transient=False)


def check_url(url: str, policy: Policy, host: _Host) -> Outcome:
    """One URL with retries: waits its host's turn before each try, backs off between tries."""
    attempt = None
    for number in range(policy.retries + 1):
        if attempt is not None:
            time.sleep(max(attempt.wait, policy.backoff * 2 ** (number - 1)))
        host.wait_turn()
        attempt = _attempt(url, policy)
        if not attempt.transient:
            break
    assert attempt is not None
    tries = policy.retries + 1
    if attempt.transient and attempt.outcome.verdict != "ok" and tries > 1:
        return Outcome(url, attempt.outcome.verdict, f"{attempt.outcome.detail} ({tries} tries)")
    return attempt.outcome


def check_urls(urls: Iterable[str], policy: Policy, progress: Progress | None = None) -> list[Outcome]:
    """Check every distinct URL; outcomes sorted by URL. `progress(done, total)` is called after each."""
    by_host: dict[str, deque[str]] = defaultdict(deque)
    for url in sorted(set(urls)):
        by_host[urlsplit(url).netloc.lower()].append(url)
    total = sum(len(queue) for queue in by_host.values())
    outcomes: list[Outcome] = []
    lock = threading.Lock()

    def lane(queue: deque[str], host: _Host) -> None:
        while True:
            with lock:
                if not queue:
                    return
                url = queue.popleft()
            outcome = check_url(url, policy, host)
            with lock:
                outcomes.append(outcome)
                if progress is not None:
                    progress(len(outcomes), total)

    with ThreadPoolExecutor(max_workers=policy.workers) as pool:
        futures = [
            pool.submit(lane, queue, host)
            for queue, host in ((queue, _Host(policy.delay)) for queue in by_host.values())
            for _ in range(min(policy.per_host, len(queue)))
        ]
        for future in futures:
            future.result()
    return sorted(outcomes, key=lambda outcome: outcome.url)
