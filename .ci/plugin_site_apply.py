"""Apply the README's "Adding the apps to an existing Wagtail site" section to a site
made by `wagtail start`: its settings block at the end of settings/base.py, and its
URL line before Wagtail's catch-all."""

import re
import sys
from pathlib import Path

readme, site = Path(sys.argv[1]).read_text(), Path(sys.argv[2])
start = readme.index("## Adding the apps to an existing Wagtail site")
section = readme[start : readme.index("\n## ", start + 1)]
settings_block, urls_block = re.findall(r"```python\n(.*?)```", section, re.S)[:2]

base = site / "hospital" / "settings" / "base.py"
base.write_text(
    base.read_text() + "\n# The README's section, as written\n" + settings_block
)

api_line = next(line.strip() for line in urls_block.splitlines() if '"api/"' in line)
urls = site / "hospital" / "urls.py"
text = urls.read_text()
catch_all = '    path("", include(wagtail_urls)),'
assert catch_all in text, "no Wagtail catch-all in the site's urls.py"
urls.write_text(text.replace(catch_all, f"    {api_line}\n{catch_all}", 1))
print("applied the README's section to", site)
