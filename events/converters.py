from .calendar import MONTH_NAMES


class MonthConverter:
    """``january`` in a URL is 1 in the view, and 1 is ``january`` in ``reverse()``."""

    regex = "|".join(MONTH_NAMES)

    def to_python(self, value):
        return MONTH_NAMES.index(value) + 1

    def to_url(self, value):
        if isinstance(value, str):
            return value
        return MONTH_NAMES[int(value) - 1]
