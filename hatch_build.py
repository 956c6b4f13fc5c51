"""An editable install keeps mypyc's shared library where the build put it, beside the sources.

hatch-mypyc also copies the library into site-packages, where Python finds it before the source
folder; mypyc then places the compiled packages' `__path__` under site-packages, where their
modules are not. A wheel (not editable) has everything in site-packages and keeps the copy.
"""

from __future__ import annotations

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class EditableSharedLibrary(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if version != "editable":
            return
        force_include = build_data["force_include"]
        for source in [path for path in force_include if "__mypyc." in path]:
            del force_include[source]
