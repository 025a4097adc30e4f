"""惠企政策通：离线查询惠企政策、判断适用条件、打印清单。"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("desktop_app")
except PackageNotFoundError:  # running from a source tree without install, or frozen
    __version__ = "0.1.0"

APP_NAME = "惠企政策通"
