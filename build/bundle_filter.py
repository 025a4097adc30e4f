"""What the bundle keeps of PySide6: one filter shared by the app spec and the hello-world spec.

Why a filter on the TOCs and not only `excludes=`: PyInstaller's Qt hooks collect whole plugin
folders (platforms, wayland, tls, generic, ...), and its binary dependency analysis then adds
every library those plugins link (Qt Wayland, OpenSSL, GTK's cairo/pango, ...). Removing a plugin
from `a.binaries` afterwards leaves its libraries behind, so the filter works in two passes:

1. rules: Qt plugins are kept only from an allow-list, unused Qt modules and the Windows
   software-OpenGL/D3D compiler DLLs are dropped, Qt's translations and QML files go;
2. reachability: a shared library stays only when something kept (a Python extension, a kept
   plugin, the Python library) links it, directly or through other kept libraries.

A kept binary that links a library dropped in pass 1 stops the build with its name, so a rule
can never produce a bundle that fails to load on a machine we did not test on.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

# (destination name inside the bundle, source path, typecode) as in PyInstaller 6 TOC lists.
TocEntry = tuple[str, str, str]
ImportsOf = Callable[[str], Iterable[str]]  # source path -> base names of the libraries it links

ALL = frozenset({"*"})

# Qt plugins kept, by folder; anything else in plugins/ is dropped.
KEEP_PLUGINS: dict[str, frozenset[str]] = {
    # xcb: Linux desktops (Wayland sessions run it through XWayland); windows: the target;
    # offscreen: the --smoke test and CI. eglfs/linuxfb/vnc/wayland/minimal are not needed.
    "platforms": frozenset({"qxcb", "qwindows", "qoffscreen"}),
    # Chinese input methods on Linux: ibus (pinyin IMEs) and compose; Windows IMEs work through
    # the qwindows platform plugin itself. The virtual keyboard would pull in Qt Quick.
    "platforminputcontexts": frozenset(
        {"ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"}
    ),
    # Windows 11 / Vista native styles; without them Windows falls back to a plain look.
    "styles": ALL,
    # Printing backends (windowsprintersupport on Windows; cups when a wheel ships it).
    "printsupport": ALL,
    # The xdg portal theme gives native file dialogs on Linux and needs only D-Bus; the gtk3
    # theme is dropped: it drags in cairo/pango/gdk while libgtk-3 itself is never bundled.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # GL integration for xcb: small, and lets Qt pick GLX/EGL on desktops that offer it.
    "xcbglintegrations": ALL,
    # No image-format plugins: the icon is a PNG, which QtGui reads without a plugin (as it does
    # BMP/PPM/XBM). Add a format here when the GUI starts loading one (e.g. "qjpeg").
    "imageformats": frozenset(),
}

# Qt libraries dropped even when something asks for them (a rule, not reachability, so that a
# future plugin linking them fails the build instead of silently adding ~100 MB).
DROP_QT_MODULE_PREFIXES = (
    "3D",
    "Bluetooth",
    "Charts",
    "DataVisualization",
    "Designer",
    "EglFS",
    "Graphs",
    "Help",
    "HttpServer",
    "Labs",
    "Location",
    "Lottie",
    "Multimedia",
    "Nfc",
    "Pdf",
    "Positioning",
    "Qml",
    "Quick",
    "RemoteObjects",
    "Scxml",
    "Sensors",
    "SerialBus",
    "SerialPort",
    "ShaderTools",
    "SpatialAudio",
    "Sql",
    "StateMachine",
    "Test",
    "TextToSpeech",
    "UiTools",
    "VirtualKeyboard",
    "Wayland",
    "WebChannel",
    "WebEngine",
    "WebSockets",
    "WebView",
    "WlShell",
)

# Loaded at run time by Qt Quick / QOpenGLWidget only; windeployqt's --no-opengl-sw and
# --no-system-d3d-compiler drop them for widget applications too (20 MB + 4 MB).
DROP_FILES = frozenset({"opengl32sw.dll", "d3dcompiler_47.dll"})

# Libraries left to the user's system, as PyInstaller itself leaves libc and libGL: libcups
# must match the system's cupsd and its configuration, and its TLS/Kerberos chain (gnutls,
# krb5, p11-kit: 9 MB) should get the system's security updates. Every Linux desktop that
# prints has libcups2; where it is missing the cups print plugin does not load and Qt offers
# printing to PDF only, the app itself is unaffected. (Windows prints through its own API.)
SYSTEM_LIBRARIES = frozenset({"libcups.so.2"})

# Python modules the app never imports that hooks would add (their libraries then go by
# reachability):
# - the OpenSSL-backed modules: the app is offline, and hashlib falls back to its built-in
#   sha256/md5 when _hashlib is missing;
# - Pillow's optional codecs: reportlab imports PIL.Image unconditionally, but the PDFs hold no
#   images, and PIL.Image loads format plugins lazily, skipping any that fail to import
#   (AVIF alone is 5 MB of libraries);
# - development tools that library test helpers drag in (unittest via reportlab's test shapes,
#   pdb/pydoc via doctest), multiprocessing (concurrent.futures names it lazily; nothing starts
#   processes), readline (interactive prompts only), tkinter;
# - PyYAML's libyaml accelerator: the code uses yaml.safe_load, the pure-Python loader, and
#   yaml falls back silently when _yaml is absent;
# - PySide6 modules the GUI does not import. QtPrintSupport is not excluded: if the GUI imports
#   it, it is bundled with the printsupport plugins kept above.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "readline",
    "unittest",
    "doctest",
    "pdb",
    "pydoc",
    "pydoc_data",
    "asyncio",
    "multiprocessing",
    "concurrent.futures.process",
    "xmlrpc",
    "http.server",
    "yaml._yaml",
    "yaml.cyaml",
    "ssl",
    "_ssl",
    "_hashlib",
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtPdf",
    "PySide6.QtSvg",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
]

_QT_LIB = re.compile(r"^(?:lib)?Qt6(?P<module>\w+?)(?:\.so(?:\.\d+)*|\.dll)$", re.IGNORECASE)
_PYTHON_LIB = re.compile(r"^(?:libpython3[\d.]*\.so[\d.]*|python3\d*\.dll)$", re.IGNORECASE)


@dataclass
class FilterReport:
    kept_binaries: list[TocEntry]
    kept_datas: list[TocEntry]
    dropped: list[str] = field(default_factory=list)


def base_name(dest: str) -> str:
    return PurePosixPath(dest.replace("\\", "/")).name


def _key(name: str) -> str:
    # Windows resolves DLL names case-insensitively; Linux sonames never differ only by case.
    return name.lower()


def qt_module(dest: str) -> str | None:
    """'Quick' for libQt6Quick.so.6 or Qt6Quick.dll; None for anything else."""
    match = _QT_LIB.match(base_name(dest))
    return match.group("module") if match else None


def plugin_of(dest: str) -> tuple[str, str] | None:
    """(folder, stem) of a Qt plugin: ('platforms', 'qxcb') for .../platforms/libqxcb.so."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if len(parts) < 3 or parts[-3] != "plugins" or "PySide6" not in parts:
        return None
    stem = parts[-1].split(".")[0]
    if stem.startswith("lib") and not parts[-1].lower().endswith(".dll"):
        stem = stem[3:]
    return parts[-2], stem


def keep_plugin(folder: str, stem: str) -> bool:
    allowed = KEEP_PLUGINS.get(folder)
    return allowed is not None and (allowed == ALL or stem in allowed)


def dropped_by_rule(dest: str) -> str | None:
    """Why pass 1 drops this binary, or None to keep it."""
    name = base_name(dest)
    if _key(name) in DROP_FILES:
        return "not needed by widgets"
    plugin = plugin_of(dest)
    if plugin is not None and not keep_plugin(*plugin):
        return f"plugin {plugin[0]}/{plugin[1]} not in the allow-list"
    module = qt_module(dest)
    if module is not None and module.startswith(DROP_QT_MODULE_PREFIXES):
        return f"Qt module {module} unused"
    return None


def keep_data(dest: str) -> bool:
    """Qt's own translations and QML go; the app lists the one catalog it needs explicitly."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "PySide6" not in parts:
        return True
    return "translations" not in parts and "qml" not in parts


# Folders whose libraries PyInstaller's dependency analysis put there; libraries elsewhere
# were placed by a package's hook on purpose and may be loaded with ctypes/cffi, which no
# import table shows (pypdfium2_raw/libpdfium.so is one): those are never dropped.
_ANALYSED_FOLDERS = ("", "PySide6", "PySide6/Qt/lib", "shiboken6")


def is_root(entry: TocEntry) -> bool:
    """Binaries loaded by something other than the dynamic linker: they anchor reachability."""
    dest, _src, typecode = entry
    name = base_name(dest)
    folder = posixpath.dirname(dest.replace("\\", "/"))
    return (
        typecode == "EXTENSION"
        or folder not in _ANALYSED_FOLDERS
        or plugin_of(dest) is not None
        or bool(_PYTHON_LIB.match(name))
        or name.lower().endswith(".pyd")
    )


def default_imports_of(src: str) -> list[str]:
    """The libraries a binary links directly. On Linux that is DT_NEEDED (objdump, from the
    binutils that strip needs anyway): PyInstaller's own ldd-based list is transitive, which
    would keep a system library's whole chain alive after the library itself is left out."""
    if sys.platform.startswith("linux"):
        out = subprocess.run(
            ["objdump", "-p", src], capture_output=True, text=True, check=True
        ).stdout
        return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]
    from PyInstaller.depend import bindepend  # only available where PyInstaller runs

    return [base_name(name) for name, _path in bindepend.get_imports(src)]


def filter_toc(
    binaries: list[TocEntry],
    datas: list[TocEntry],
    imports_of: ImportsOf = default_imports_of,
) -> FilterReport:
    dropped: list[str] = []
    by_rule: dict[str, str] = {}
    candidates: list[TocEntry] = []
    for entry in binaries:
        if _key(base_name(entry[0])) in SYSTEM_LIBRARIES:
            dropped.append(f"{entry[0]}: left to the system")
            continue
        reason = dropped_by_rule(entry[0])
        if reason is None:
            candidates.append(entry)
        else:
            by_rule[_key(base_name(entry[0]))] = reason
            dropped.append(f"{entry[0]}: {reason}")

    # Libraries are matched by the base name the dynamic linker asks for; links are settled
    # at the end, once it is known which files stay.
    files = {_key(base_name(e[0])): e for e in candidates if e[2] != "SYMLINK"}
    reached: set[str] = set()
    queue = [_key(base_name(e[0])) for e in candidates if is_root(e)]
    broken: list[str] = []
    while queue:
        key = queue.pop()
        if key in reached:
            continue
        reached.add(key)
        found = files.get(key)
        if found is None:
            continue
        for name in imports_of(found[1]):
            dep = _key(name)
            if dep in by_rule:
                broken.append(f"{found[0]} links {name} ({by_rule[dep]})")
            elif dep in files and dep not in reached:
                queue.append(dep)
    if broken:
        raise SystemExit("bundle filter removed a library still in use:\n  " + "\n  ".join(broken))

    kept_binaries: list[TocEntry] = []
    for entry in candidates:
        if entry[2] == "SYMLINK" or _key(base_name(entry[0])) in reached:
            kept_binaries.append(entry)
        else:
            dropped.append(f"{entry[0]}: nothing kept links it")
    kept_datas: list[TocEntry] = []
    for entry in datas:
        if keep_data(entry[0]):
            kept_datas.append(entry)
        else:
            dropped.append(f"{entry[0]}: Qt translation/QML")
    return _drop_dangling_symlinks(FilterReport(kept_binaries, kept_datas, dropped))


def symlink_target(entry: TocEntry) -> str:
    """The destination a SYMLINK entry points at (its source field is relative to its folder)."""
    dest, link, _typecode = entry
    folder = posixpath.dirname(dest.replace("\\", "/"))
    return posixpath.normpath(posixpath.join(folder, link.replace("\\", "/")))


def _drop_dangling_symlinks(report: FilterReport) -> FilterReport:
    """PyInstaller lists top-level links to the Qt libraries (libQt6Core.so.6 ->
    PySide6/Qt/lib/libQt6Core.so.6), in either list: they go when their target went."""
    files = {
        e[0].replace("\\", "/")
        for e in [*report.kept_binaries, *report.kept_datas]
        if e[2] != "SYMLINK"
    }
    links = {
        e[0].replace("\\", "/"): symlink_target(e)
        for e in [*report.kept_binaries, *report.kept_datas]
        if e[2] == "SYMLINK"
    }
    # A link may point at another link: resolve until nothing changes.
    valid: set[str] = set()
    changed = True
    while changed:
        changed = False
        for link, target in links.items():
            if link not in valid and (target in files or target in valid):
                valid.add(link)
                changed = True

    def keep(entry: TocEntry) -> bool:
        if entry[2] != "SYMLINK" or entry[0].replace("\\", "/") in valid:
            return True
        report.dropped.append(f"{entry[0]}: link to a dropped file")
        return False

    report.kept_binaries = [e for e in report.kept_binaries if keep(e)]
    report.kept_datas = [e for e in report.kept_datas if keep(e)]
    return report
