"""Every place under the project root that a build writes, named once (standard library only, so the quick
paths of build and check can refuse an unsafe place without loading the pipeline)."""

from __future__ import annotations

README = "README.md"
SITE = "site"
CHARTS = "charts"
CACHE = ".cache"
STATE = f"{CACHE}/build-state.json"
CHART_CACHE = f"{CACHE}/awesome-vos/charts"
LOCK = f"{CACHE}/awesome-vos.lock"

OUTPUTS = (README, CHARTS, SITE)
"""What readers get: what the build state's manifest covers."""
FILES = (README, STATE)
"""Places that must be regular files when present."""
FOLDERS = (CHARTS, SITE, CACHE, f"{CACHE}/awesome-vos", CHART_CACHE)
"""Places that must be real folders when present."""
