"""What makes a password acceptable: long enough, and not one of the most common ones."""

from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
# zxcvbn's list of the 30,000 most common passwords (from leaked password sets), lowercase.
COMMON_PASSWORDS = frozenset(FREQUENCY_LISTS["passwords"])


def check_not_common(password: str) -> str:
    """The password, unless it is one of the most common ones (in any case)."""
    if password.lower() in COMMON_PASSWORDS:
        raise ValueError("is one of the most common passwords; choose a less guessable one")
    return password
