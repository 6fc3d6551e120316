"""Find an installed CJK font before rendering, so a memo is never written with empty boxes."""
from __future__ import annotations

import shutil
import subprocess

from ..errors import InputError

# Preferred families, best first; any other family covering Chinese is accepted after these.
PREFERRED = ("Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Source Han Sans SC",
             "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "AR PL UMing CN")
INSTALL_HINT = "install it with: apt-get install fonts-noto-cjk"


def parse_fc_list(text: str) -> tuple[str, ...]:
    """Family names from `fc-list :lang=zh family` output ("A,B" lines list aliases; keep each)."""
    seen: dict[str, None] = {}
    for line in text.splitlines():
        for name in line.split(","):
            name = name.strip().replace("\\-", "-")
            if name:
                seen.setdefault(name, None)
    return tuple(seen)


def choose_family(families: tuple[str, ...]) -> str | None:
    """The preferred family among those installed; a Simplified-Chinese one before the rest."""
    for want in PREFERRED:
        if want in families:
            return want
    sc = [f for f in families if f.endswith(" SC") and "Mono" not in f]
    return (sc or list(families) or [None])[0]


def cjk_families() -> tuple[str, ...]:
    """Installed families that cover Chinese, from fontconfig (the lookup pango itself uses)."""
    exe = shutil.which("fc-list")
    if exe is None:
        raise InputError(f"fontconfig (fc-list) not found; no CJK font can be located — {INSTALL_HINT}")
    out = subprocess.run([exe, ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return parse_fc_list(out.stdout)


def cjk_font() -> str:
    """The family the memo is set in; InputError when no font covering Chinese is installed."""
    family = choose_family(cjk_families())
    if family is None:
        raise InputError(f"no font covering Chinese is installed; {INSTALL_HINT}")
    return family
