"""Screenshots of every web page for the README: `python -m bench.screenshots`.

Seeds the demo team (`bench.web_demo`), serves the web view on 127.0.0.1 and saves a PNG of
each page at desktop width (1280) and phone width (390) with Debian's headless Chromium into
docs/screenshots/ (full page height).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from bench.web_demo import PAGES, demo
from tests.web.live import LiveSite, browser_missing, chromium

OUT = Path(__file__).parents[1] / "docs" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def shoot(driver: Any, url: str, path: Path, width: int, height: int) -> None:
    """The page at `width`, its whole height (a phone width emulates a phone's screen)."""
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    driver.get(url)
    full = int(driver.execute_script("return document.documentElement.scrollHeight"))
    metrics["height"] = min(max(full, height), 6000)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    time.sleep(0.2)
    driver.save_screenshot(str(path))


def main() -> int:
    missing = browser_missing()
    if missing:
        print(f"cannot take screenshots: {missing}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    site = LiveSite()
    seeded = site.run(demo)
    base = site.serve(seeded.pages)
    team = base + site.run(seeded.link)
    korean = base + site.run(lambda: seeded.link("ko", "c2"))
    driver = chromium()
    try:
        for kind, (width, height) in WIDTHS.items():
            for name, where in PAGES.items():
                path = OUT / f"{name}-{kind}.png"
                shoot(driver, team + where, path, width, height)
                print(path.relative_to(OUT.parents[1]))
        shoot(driver, korean, OUT / "calendar-ko-phone.png", *WIDTHS["phone"])
        shoot(driver, base + "/t/1.0.revoked/", OUT / "refused-phone.png", *WIDTHS["phone"])
    finally:
        driver.quit()
        site.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
