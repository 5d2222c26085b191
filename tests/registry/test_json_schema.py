#!/usr/bin/python3
"""`nnsweep schema` (runner/registry/json_schema.cpp) agrees with the config
loader: it is a valid draft-07 schema; every config in configs/ passes it;
configs that nnsweep accepts pass, and configs with a typo (an unknown key,
an unknown plugin, a parameter out of range, a bad sweep) fail it as they
fail `nnsweep validate`; its keys are the ones the loader lists in its own
messages, and its plugin parameters are those `nnsweep plugins` declares.

YAML is read as yaml-language-server reads it, by the YAML 1.2 core schema
(PyYAML alone reads 1e-3 as a string and yes as true).

Usage: test_json_schema.py NNSWEEP_BINARY SCALED_TANH_LIBRARY
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml

failures = []
SOURCE = os.environ.get("NNSWEEP_SOURCE_DIR",
                        os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BASE = """name: e
dataset: {name: moons, n_samples: 50, noise: 0.2, seed: 0}
model: {hidden: [2], activation: tanh, init: {name: normal, scale: 0.01, seed: 2}}
optimizer: {name: gd, learning_rate: 0.1}
train: {iterations: 5}
"""


class Yaml12(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema's plain scalars."""


Yaml12.yaml_implicit_resolvers = {}
for tag, pattern, first in [
        ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
        ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                  r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789")]:
    Yaml12.add_implicit_resolver("tag:yaml.org,2002:" + tag, re.compile(pattern), list(first))


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    return int(text[2:], 8) if text.startswith("0o") else int(text, 0 if text.startswith("0x")
                                                                else 10)


def construct_float(loader, node):
    text = loader.construct_scalar(node).lower()
    return float(text.replace(".inf", "inf").replace(".nan", "nan"))


Yaml12.add_constructor("tag:yaml.org,2002:int", construct_int)
Yaml12.add_constructor("tag:yaml.org,2002:float", construct_float)


def check(condition, message):
    if not condition:
        failures.append(message)


def run(*args):
    return subprocess.run([BINARY, *args], capture_output=True, text=True)


def errors(validator, text):
    return [e.message for e in validator.iter_errors(yaml.load(text, Loader=Yaml12))]


def nnsweep_validate(text):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "case.yaml")
        with open(path, "w") as f:
            f.write(text)
        return run("validate", path)


def check_accepted(validator, text):
    found = errors(validator, text)
    check(not found, "schema rejects a valid config: %s\n%s" % (found, text))
    done = nnsweep_validate(text)
    check(done.returncode == 0, "nnsweep rejects a case the test takes as valid: %s\n%s"
          % (done.stderr, text))


def check_rejected(validator, text, word):
    found = errors(validator, text)
    check(found, "schema accepts a bad config:\n" + text)
    if word:
        check(any(word in e for e in found), "schema error %s does not mention %r" % (found, word))
    done = nnsweep_validate(text)
    check(done.returncode == 2, "nnsweep accepts a case the test takes as bad:\n" + text)


def allowed_keys(text, owner):
    """The keys the loader lists in its message for an unknown key."""
    message = nnsweep_validate(text).stderr
    found = re.search(r"unknown key 'zzzzzz' (?:in|for a) %s.*\(allowed: (.*)\)" % re.escape(owner),
                      message)
    if not found:
        failures.append("no list of allowed keys for %s in %r" % (owner, message))
        return set()
    return set(re.split(r", | or ", found.group(1)))


def check_keys_match_the_loader(schema):
    definitions = schema["definitions"]
    top = set(schema["properties"])
    check(allowed_keys(BASE + "zzzzzz: 1\n", "the experiment") == top, "top-level keys")
    model = set(definitions["model"]["properties"])
    check(allowed_keys(BASE.replace("hidden: [2],", "hidden: [2], zzzzzz: 1,"), "model") == model,
          "model keys")
    train = set(definitions["train"]["properties"])
    untrained = BASE.replace("train: {iterations: 5}\n", "")
    check(allowed_keys(untrained + "train: {zzzzzz: 1}\n", "train") == train,
          "train keys %s" % train)
    stopping = definitions["train"]["properties"]["early_stopping"]["anyOf"][1]["properties"]
    check(allowed_keys(untrained + "train: {early_stopping: {zzzzzz: 1}}\n",
                       "train.early_stopping") == set(stopping), "early_stopping keys")
    check(allowed_keys(BASE + "regularization: {zzzzzz: 1}\n", "regularization")
          == set(definitions["regularization"]["properties"]), "regularization keys")
    random = schema["properties"]["sweep"]["properties"]["random"]["properties"]
    check(allowed_keys(BASE + "sweep: {random: {samples: 1, zzzzzz: 1}}\n", "sweep.random")
          == set(random), "sweep.random keys")
    for branch in definitions["distribution"]["oneOf"]:
        name = branch["properties"]["distribution"]["const"]
        args = {"uniform": "low: 0, high: 1", "log_uniform": "low: 1, high: 2",
                "log_uniform_values": "low: 1, high: 2", "int_uniform": "low: 0, high: 2",
                "normal": "mean: 0, std: 1", "choice": "values: [1]"}[name]
        text = BASE + ("sweep: {random: {samples: 1, params: {dataset.noise: "
                       "{distribution: %s, %s, zzzzzz: 1}}}}\n" % (name, args))
        keys = set(branch["properties"])
        if name == "log_uniform":
            # The loader reads min and max only to refuse them as W&B's exponents.
            keys |= {"min", "max"}
        check(allowed_keys(text, name + " distribution") == keys, "%s keys" % name)


def loader_range(text):
    """The range the loader's message gives for an out-of-range value: (low, low
    excluded, high), None for an infinite bound."""
    message = nnsweep_validate(text).stderr
    found = re.search(r"must be in ([\[(])([^,]+), ([^\])]+)[\])]", message)
    if not found:
        failures.append("no range in %r" % message)
        return None
    bound = lambda text: None if "inf" in text else float(text)
    return bound(found.group(2)), found.group(1) == "(", bound(found.group(3))


def schema_range(schema_of):
    low = schema_of.get("exclusiveMinimum", schema_of.get("minimum"))
    return low, "exclusiveMinimum" in schema_of, schema_of.get("maximum")


def check_ranges_match_the_loader(schema):
    """The settings the schema declares itself (train, regularization, model.hidden)
    have the loader's ranges: each set far below its minimum, the loader's
    message says the range."""
    definitions = schema["definitions"]
    untrained = BASE.replace("train: {iterations: 5}\n", "")
    cases = [("train: {%s: -1000000000000000}\n" % name, definitions["train"]["properties"][name])
             for name in ("iterations", "epochs", "shuffle_seed", "log_every", "record_every")]
    stopping = definitions["train"]["properties"]["early_stopping"]["anyOf"][1]["properties"]
    cases += [("train: {early_stopping: {%s: -1000000000000000}}\n" % name, stopping[name])
              for name in stopping if name != "restore_best"]
    cases += [("regularization: {%s: -1000000000000000}\n" % name,
               definitions["regularization"]["properties"][name]) for name in ("l1", "l2")]
    for text, schema_of in cases:
        check(loader_range(untrained + text) == schema_range(schema_of),
              "%s: loader %r, schema %r" % (text.strip(), loader_range(untrained + text),
                                            schema_range(schema_of)))
    hidden = definitions["model"]["properties"]["hidden"]["anyOf"][0]
    text = BASE.replace("hidden: [2]", "hidden: [0]")
    check(loader_range(text) == schema_range(hidden), "model.hidden range")


def check_plugins_match_their_declarations(schema):
    declared = json.loads(run("plugins", "--format", "json").stdout)["plugins"]
    definitions = schema["definitions"]
    types = {"float": "number", "int": "integer", "bool": "boolean", "string": "string",
             "path": "string"}

    def resolve(node):
        while "$ref" in node:
            node = definitions[node["$ref"][len("#/definitions/"):]]
        return node

    for plugin in declared:
        block = definitions.get("block.%s.%s" % (plugin["kind"], plugin["name"]))
        if block is None:
            failures.append("no schema for %s %s" % (plugin["kind"], plugin["name"]))
            continue
        params = block["properties"]
        check(set(params) == {p["name"] for p in plugin["params"]},
              "%s parameters %s" % (plugin["name"], sorted(params)))
        for param in plugin["params"]:
            schema_of = resolve(params.get(param["name"], {}))
            if param["type"] in types:
                check(schema_of.get("type") == types[param["type"]],
                      "%s.%s type" % (plugin["name"], param["name"]))
            low = schema_of.get("exclusiveMinimum" if param["min_exclusive"] else "minimum")
            check(low == param["min"], "%s.%s min %r" % (plugin["name"], param["name"], low))
            check(schema_of.get("maximum") == param["max"], "%s.%s max" % (plugin["name"],
                                                                          param["name"]))
            check(schema_of.get("default") == param["default"], "%s.%s default"
                  % (plugin["name"], param["name"]))
            check(param["description"] in schema_of.get("description", ""),
                  "%s.%s description" % (plugin["name"], param["name"]))


ACCEPTED = [
    BASE,
    BASE.replace("optimizer: {name: gd, learning_rate: 0.1}", "optimizer: adam"),
    BASE.replace("optimizer: {name: gd, learning_rate: 0.1}", "optimizer: {learning_rate: 1e-3}"),
    BASE.replace("optimizer: {name: gd, learning_rate: 0.1}",
                 "optimizer: {name: rmsprop, momentum: 0.5, adam: {beta1: 0.8}}"),
    BASE.replace("model: {hidden: [2], activation: tanh,",
                 "model: {hidden: [2, 3], activation: [relu, {name: leaky_relu, alpha: 0.2}],"),
    BASE.replace("train: {iterations: 5}", "train: {epochs: 2, batch_size: full}"),
    BASE.replace("train: {iterations: 5}", "train: {epochs: 2, batch_size: 8, dtype: float32}"),
    BASE.replace("noise: 0.2,", "noise: 0.2, test_fraction: 0.25,").replace(
        "train: {iterations: 5}", "train: {iterations: 5, early_stopping: {patience: 2}}"),
    BASE + "regularization: {l2: 0.01}\n",
    BASE + "sweep:\n  grid: {optimizer.learning_rate: [0.1, 0.2], model.hidden: [1, [2, 2]]}\n"
           "  zip: {dataset.seed: [1, 2], model.init.seed: [3, 4]}\n",
    BASE + "sweep:\n  list: [{optimizer.name: momentum, optimizer.momentum.momentum: 0.5},"
           " {optimizer: adam}]\n",
    BASE + "sweep:\n  random:\n    samples: 3\n    seed: 1\n    params:\n"
           "      optimizer.learning_rate: {distribution: log_uniform, low: 1e-4, high: 1}\n"
           "      dataset.noise: {distribution: uniform, min: 0.1, max: 0.3}\n"
           "      model.init.scale: {distribution: log_uniform_values, min: 0.01, max: 1}\n"
           "      model.init.seed: {distribution: int_uniform, low: 0, high: 9}\n"
           "      model.activation: {distribution: choice, values: [tanh, relu]}\n"
           "      dataset.seed: {distribution: choice, values: [1, 2]}\n",
]

REJECTED = [
    (BASE + "optimiser: {name: adam}\n", "optimiser"),                     # unknown key
    (BASE.replace("activation: tanh", "activation: tahn"), ""),           # unknown plugin
    (BASE.replace("name: gd, learning_rate: 0.1", "name: gd, learning_rate: -1"), ""),  # range
    (BASE.replace("name: gd, learning_rate: 0.1", "name: gd, lerning_rate: 0.1"), ""),
    (BASE.replace("n_samples: 50", "n_samples: 50.5"), ""),
    (BASE.replace("train: {iterations: 5}", "train: {iterations: 5, epochs: 2}"), ""),
    (BASE.replace("hidden: [2]", "hidden: [0]"), ""),
    (BASE + "sweep:\n  grid: {optimizer.lerning_rate: [0.1]}\n", "optimizer.lerning_rate"),
    (BASE + "sweep:\n  grid: {optimizer.learning_rate: []}\n", ""),
    (BASE + "sweep:\n  grid: {optimizer.learning_rate: [0.1, -2]}\n", ""),
    (BASE + "sweep:\n  grids: {optimizer.learning_rate: [0.1]}\n", "grids"),
    (BASE + "sweep:\n  random: {samples: 2, params: {dataset.noise: "
            "{distribution: log_uniform, min: -4, max: 0}}}\n", ""),
    (BASE + "sweep:\n  random: {samples: 2, params: {dataset.noise: "
            "{distribution: log_uniform, low: -4, high: 0}}}\n", ""),
    (BASE + "sweep:\n  random: {samples: 2, params: {dataset.noise: "
            "{distribution: uniform, low: 0, min: 0, high: 1}}}\n", ""),
    (BASE + "sweep:\n  random: {samples: 2, params: {model.activation: "
            "{distribution: choice, values: [tanh, tahn]}}}\n", ""),
    (BASE + "sweep:\n  random: {samples: 2, params: {dataset.noise: "
            "{distribution: gaussian, mean: 0, std: 1}}}\n", ""),
]


def check_plugin_libraries(library):
    """--plugin LIB adds the library's plugins; without it they are unknown."""
    done = run("schema", "--plugin", library)
    check(done.returncode == 0, "schema --plugin: %s" % done.stderr)
    validator = jsonschema.Draft7Validator(json.loads(done.stdout))
    text = BASE.replace("activation: tanh", "activation: {name: scaled_tanh, a: 2}")
    check(not errors(validator, text), "scaled_tanh: %s" % errors(validator, text))
    check(errors(validator, text.replace("a: 2", "c: 2")), "scaled_tanh typo")
    check(errors(jsonschema.Draft7Validator(json.loads(run("schema").stdout)), text),
          "scaled_tanh without --plugin")
    done = run("schema", "--plugin", library + ".missing")
    check(done.returncode == 2 and not done.stdout, "a missing library: %d" % done.returncode)


def main():
    done = run("schema")
    check(done.returncode == 0, "nnsweep schema: exit %d %s" % (done.returncode, done.stderr))
    schema = json.loads(done.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    configs = sorted(glob.glob(os.path.join(SOURCE, "configs", "*.yaml")))
    check(len(configs) >= 5, "configs: %s" % configs)
    for path in configs:
        with open(path, encoding="utf-8") as f:
            found = errors(validator, f.read())
        check(not found, "%s: %s" % (os.path.basename(path), found))
    for text in ACCEPTED:
        check_accepted(validator, text)
    for text, word in REJECTED:
        check_rejected(validator, text, word)
    check_keys_match_the_loader(schema)
    check_ranges_match_the_loader(schema)
    check_plugins_match_their_declarations(schema)
    check_plugin_libraries(sys.argv[2])
    for failure in failures:
        print("FAIL:", failure)
    print("%d configs, %d accepted and %d rejected cases" % (len(configs), len(ACCEPTED),
                                                             len(REJECTED)))
    return 1 if failures else 0


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    sys.exit(main())
