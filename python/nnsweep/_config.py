"""A reader for the resolved configs nnsweep writes (/runs/config, the
datasets' `config` attribute), so the package needs no YAML library.

Why not general YAML: those texts are written by nnsweep itself, always in
the same shape: top-level keys, one nested block level (`model:`), and
values in flow style (`{name: tanh}`, `[3, 2]`, plain or quoted scalars).
The input config the user wrote (/config) may be any YAML and is only
shown, never parsed.
"""
import json
import re

_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|\.inf|\.nan)$",
                     re.IGNORECASE)


def parse_config(text):
    """A resolved config's text as nested dicts, lists and scalars.

    >>> parse_config("model:\\n  hidden: [3, 2]\\n  activation: {name: elu, alpha: 1.0}\\n")
    {'model': {'hidden': [3, 2], 'activation': {'name': 'elu', 'alpha': 1.0}}}
    """
    root = {}
    stack = [(-1, root)]  # (indentation, mapping)
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        while indent <= stack[-1][0]:
            stack.pop()
        key, _, rest = stripped.partition(":")
        rest = rest.strip()
        if rest:
            stack[-1][1][key.strip()] = parse_flow(rest)
        else:
            child = {}
            stack[-1][1][key.strip()] = child
            stack.append((indent, child))
    return root


def parse_flow(text):
    """One flow-style value: a {map}, a [list] or a scalar."""
    value, end = _value(text, 0)
    if text[end:].strip():
        raise ValueError(f"unexpected text after a value: {text!r}")
    return value


def _skip(text, i):
    while i < len(text) and text[i] == " ":
        i += 1
    return i


def _value(text, i):
    i = _skip(text, i)
    if text[i:i + 1] == "{":
        return _collection(text, i + 1, "}", mapping=True)
    if text[i:i + 1] == "[":
        return _collection(text, i + 1, "]", mapping=False)
    if text[i:i + 1] == '"':
        end = i + 1
        while text[end] != '"':
            end += 2 if text[end] == "\\" else 1
        return json.loads(text[i:end + 1]), end + 1
    if text[i:i + 1] == "'":
        end = i + 1
        while not (text[end] == "'" and text[end + 1:end + 2] != "'"):
            end += 2 if text[end] == "'" else 1
        return text[i + 1:end].replace("''", "'"), end + 1
    end = i
    while end < len(text) and text[end] not in ",]}" and text[end:end + 2] != ": ":
        end += 1
    return _scalar(text[i:end].strip()), end


def _collection(text, i, close, mapping):
    items = {} if mapping else []
    i = _skip(text, i)
    while text[i] != close:
        if mapping:
            key, i = _value(text, i)
            i = _skip(text, i)
            if text[i] != ":":
                raise ValueError(f"expected ':' at {i} in {text!r}")
            items[key], i = _value(text, i + 1)
        else:
            item, i = _value(text, i)
            items.append(item)
        i = _skip(text, i)
        if text[i] == ",":
            i = _skip(text, i + 1)
    return items, i + 1


def _scalar(word):
    if word in ("true", "false"):
        return word == "true"
    if word in ("null", "~", ""):
        return None
    if _NUMBER.match(word):
        lowered = word.lower().lstrip("+")
        if lowered in (".inf", "-.inf", ".nan"):
            return float(lowered.replace(".", ""))
        return float(word) if re.search(r"[.eE]", word) else int(word)
    return word


def plugin(section):
    """A plugin section (`tanh` or `{name: tanh, ...}`) as (name, parameters)."""
    if isinstance(section, dict):
        return section["name"], {k: v for k, v in section.items() if k != "name"}
    return str(section), {}
