"""Plugins from shared libraries on the command line: a config's plugins: list
and --plugin load them, every refusal exits 2 with a message naming where the
library was given, the results file records each library's digest, and a
changed library is trained again rather than reused.

Arguments: NNSWEEP_BINARY SCALED_TANH SIGN_DESCENT SAMPLE_DIR.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import h5py

BINARY, SCALED_TANH, SIGN_DESCENT, SAMPLES = sys.argv[1:5]

EXPERIMENT = """name: {name}
{plugins}dataset: {{name: moons, n_samples: 60, seed: 1}}
model: {{hidden: [3], activation: scaled_tanh}}
optimizer: {{name: sign_descent, learning_rate: 0.01}}
train: {{iterations: 50}}
"""


def nnsweep(*args, expect=0):
    done = subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True)
    if done.returncode != expect:
        raise AssertionError('nnsweep %s exited %d (expected %d)\nstdout: %s\nstderr: %s'
                             % (' '.join(map(str, args)), done.returncode, expect,
                                done.stdout[-2000:], done.stderr[-2000:]))
    return done


def write_config(folder, name, libraries=None):
    plugins = ''
    if libraries is not None:
        plugins = 'plugins:\n' + ''.join('  - %s\n' % path for path in libraries)
    path = os.path.join(folder, name + '.yaml')
    with open(path, 'w') as file:
        file.write(EXPERIMENT.format(name=name, plugins=plugins))
    return path


def attribute(path, key):
    with h5py.File(path, 'r') as file:
        value = file.attrs[key]
    return value.decode() if isinstance(value, bytes) else str(value)


def run_ids(path):
    with h5py.File(path, 'r') as file:
        return [bytes(v).decode() if not isinstance(v, str) else v
                for v in file['summary/run_id'][()]]


def sample(name):
    return os.path.join(SAMPLES, 'libsample_%s.so' % name)


def test_config_list_trains(tmp):
    # Relative entries start from the config file's folder.
    libs = os.path.join(tmp, 'libs')
    os.makedirs(libs)
    for library in (SCALED_TANH, SIGN_DESCENT):
        shutil.copy(library, libs)
    configs = os.path.join(tmp, 'configs')
    os.makedirs(configs)
    config = write_config(configs, 'listed',
                          ['../libs/' + os.path.basename(p) for p in (SCALED_TANH, SIGN_DESCENT)])
    out = os.path.join(tmp, 'listed.h5')
    nnsweep('validate', config)
    nnsweep('plan', config)
    done = nnsweep('run', config, '--out', out)
    assert 'listed: ok' in done.stdout, done.stdout
    lines = attribute(out, 'plugin_libraries').splitlines()
    assert len(lines) == 2, lines
    for line, library in zip(lines, (SCALED_TANH, SIGN_DESCENT)):
        digest, path = line.split('  ')
        assert len(digest) == 64 and path == os.path.join(libs, os.path.basename(library)), line
    return out


def test_command_line_trains(tmp):
    config = write_config(tmp, 'flagged')
    out = os.path.join(tmp, 'flagged.h5')
    flags = ['--plugin', SCALED_TANH, '--plugin', SIGN_DESCENT]
    nnsweep('validate', config, *flags)
    nnsweep('plan', config, *flags)
    done = nnsweep('run', config, '--out', out, *flags)
    assert 'flagged: ok' in done.stdout, done.stdout
    assert SCALED_TANH in attribute(out, 'plugin_libraries')
    listing = nnsweep('plugins', *flags).stdout
    assert 'scaled_tanh' in listing and 'sign_descent' in listing, listing
    assert 'scaled_tanh' not in nnsweep('plugins').stdout
    # Without the libraries the names are unknown.
    nnsweep('validate', config, expect=2)


REFUSALS = {
    'missing': ('no_such_library.so', 'does not exist'),
    'no_entry': (sample('no_entry'), 'no nnsweep_plugin() entry point'),
    'wrong_abi': (sample('wrong_abi'), 'plugin ABI version'),
    'name_clash': (sample('name_clash'), 'tanh'),
    'failing': (sample('failing'), 'the license file is missing'),
}


def test_refusals(tmp, good_results):
    before = open(good_results, 'rb').read()
    for name, (library, message) in REFUSALS.items():
        # In a config: the entry's FILE:LINE:COL (the second entry: line 4, column 5).
        config = write_config(tmp, 'refused_' + name, [SCALED_TANH, library])
        for command in ('run', 'validate', 'plan'):
            args = [command, config] + (['--out', good_results] if command == 'run' else [])
            done = nnsweep(*args, expect=2)
            assert done.stderr.startswith(config + ':4:5: '), (name, done.stderr)
            assert message in done.stderr, (name, done.stderr)
        # On the command line: "--plugin PATH: message".
        config = write_config(tmp, 'refused_flag_' + name)
        for command in (['run', config, '--out', good_results], ['validate', config],
                        ['plan', config], ['plugins']):
            done = nnsweep(*command, '--plugin', library, expect=2)
            assert done.stderr.startswith('--plugin %s: ' % library), (name, done.stderr)
            assert message in done.stderr, (name, done.stderr)
        assert open(good_results, 'rb').read() == before, name


def test_not_sweepable(tmp):
    config = write_config(tmp, 'swept', [SCALED_TANH, SIGN_DESCENT])
    with open(config, 'a') as file:
        file.write('sweep: {grid: {plugins: [[%s]]}}\n' % SCALED_TANH)
    done = nnsweep('validate', config, expect=2)
    assert "'plugins' cannot be swept" in done.stderr, done.stderr


def test_changed_library_is_retrained(tmp):
    folder = os.path.join(tmp, 'changing')
    os.makedirs(folder)
    library = shutil.copy(SCALED_TANH, folder)
    config = write_config(folder, 'changing', [library, SIGN_DESCENT])
    out = os.path.join(folder, 'changing.h5')
    nnsweep('run', config, '--out', out, '--quiet')
    first = run_ids(out)
    done = nnsweep('run', config, '--out', out)
    assert 'up to date' in done.stderr and run_ids(out) == first, done.stderr
    # Bytes after an ELF file's sections change its digest, not its code.
    with open(library, 'ab') as file:
        file.write(b'another build')
    done = nnsweep('run', config, '--out', out)
    assert 'up to date' not in done.stderr and 'reusing' not in done.stderr, done.stderr
    assert 'changing: ok' in done.stdout, done.stdout
    second = run_ids(out)
    assert len(second) == 1 and second != first, (first, second)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        good = test_config_list_trains(tmp)
        test_command_line_trains(tmp)
        test_refusals(tmp, good)
        test_not_sweepable(tmp)
        test_changed_library_is_retrained(tmp)
    print('ok')


if __name__ == '__main__':
    main()
