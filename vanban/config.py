"""Load config.toml: defaults built in, the file overrides them, the CLI overrides both."""
from __future__ import annotations

import copy
import os
import tomllib
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "run": {"paths": ["corpus"], "jobs": 0, "max_file_mb": 200, "ocr": True, "keep_deleted": False,
            "registry": "var/registry.sqlite", "progress_min_files": 5, "write_batch": 64,
            "write_batch_seconds": 5.0},
    "index": {"backend": "sqlite", "path": "var/vanban.sqlite", "url": "http://localhost:9200",
              "prefix": "vanban", "compat_headers": True, "timeout": 30},
    "serve": {"host": "127.0.0.1", "port": 8000},
}


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def find_config(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    if explicit:
        return Path(explicit)
    env = os.environ.get("VANBAN_CONFIG")
    if env:
        return Path(env)
    here = Path.cwd()
    for d in (here, *here.parents):
        if (d / "config.toml").is_file():
            return d / "config.toml"
    return None


def load_config(explicit: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The merged configuration; relative paths resolved against the config file's folder."""
    path = find_config(explicit)
    data: dict[str, Any] = {}
    base = Path.cwd()
    if path is not None:
        if not path.is_file():
            raise FileNotFoundError(f"config file not found: {path}")
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        base = path.resolve().parent
    cfg = _merge(DEFAULTS, data)
    cfg["_base"] = str(base)
    for section, key in (("run", "registry"), ("index", "path")):
        p = Path(cfg[section][key])
        cfg[section][key] = str(p if p.is_absolute() else base / p)
    cfg["run"]["paths"] = [str(p if Path(p).is_absolute() else base / p) for p in cfg["run"]["paths"]]
    return cfg
