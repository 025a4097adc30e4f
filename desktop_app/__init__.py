"""惠企政策通：离线查询惠企政策、判断适用条件、打印清单。"""

# Kept in step with pyproject.toml by a test. A constant, not importlib.metadata: the lookup
# costs ~30 ms at every start and finds nothing inside a frozen bundle.
__version__ = "0.1.0"

APP_NAME = "惠企政策通"
