"""The app as a user installs it: `coach ui` serves `coach/_data/ui/app.py` from the wheel.

The pages import their shared package (`coach_ui`) and the
bundled examples through `coach.paths`; this proves both work from an
installed wheel, outside the checkout, by running every page under AppTest
with the wheel's `coach` first on the path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ui_helpers import PAGES, ROOT

pytestmark = pytest.mark.slow

SCRIPT = """
import sys
import coach, coach.paths as paths
assert coach.__file__.startswith(sys.argv[1]), coach.__file__
app = paths.ui_dir() / "app.py"
assert str(app).endswith("coach/_data/ui/app.py"), app
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(str(app), default_timeout=60)
at.user = {}
at.run()
assert not at.exception, at.exception
for page in sys.argv[2:]:
    at.switch_page(page).run()
    assert not at.exception, (page, at.exception)
at.switch_page("views/check.py").run()
at.selectbox(key="check_example").set_value("strong-release-lead.md").run()
at.button(key="check_run").click().run()
assert not at.exception, at.exception
import coach_ui
assert coach_ui.__file__.startswith(sys.argv[1]), coach_ui.__file__  # the wheel's own package, not the checkout's
print(sum("-badge[" in m.value for m in at.markdown))
"""


def test_the_installed_wheel_serves_every_page(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=300,
    )
    target = tmp_path / "site"
    wheel = next(dist.glob("empowerment_coach-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        timeout=300,
    )
    assert (target / "coach" / "_data" / "ui" / "views" / "review.py").is_file()
    assert (target / "coach" / "_data" / "ui" / "coach_ui" / "__init__.py").is_file()
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "COACH_DB": str(tmp_path / "coach.db"),
        "COACH_UI_CONFIG": str(tmp_path / "none.toml"),
    }
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(target), *PAGES],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip().splitlines()[-1] == "5"  # four element badges and line of sight
    help_text = subprocess.run(
        [sys.executable, "-m", "coach", "ui", "--help"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert help_text.returncode == 0 and "--port" in help_text.stdout
