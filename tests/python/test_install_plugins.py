"""docs/plugins.md, "A plugin from your own shared library", taken as a user
would: install nnsweep, build plugins/examples out of tree against the
installed package (find_package(nnsweep) and nnsweep::plugin), and train a
YAML experiment with the two libraries using the installed binary. Then
build and run a C++ program against the installed core libraries
(find_package(nnsweep COMPONENTS core), nnsweep::core: core_consumer/).

Argument: the built nnsweep binary (BUILD/runner/cli/nnsweep).
"""
import os
import subprocess
import sys
import tempfile

import h5py

BINARY = os.path.abspath(sys.argv[1])
BUILD = os.path.dirname(os.path.dirname(os.path.dirname(BINARY)))
SOURCE = os.environ['NNSWEEP_SOURCE_DIR']


def run(*args, cwd=None):
    done = subprocess.run(list(args), capture_output=True, text=True, cwd=cwd)
    if done.returncode != 0:
        raise AssertionError('%s exited %d\nstdout: %s\nstderr: %s'
                             % (' '.join(args), done.returncode, done.stdout[-3000:],
                                done.stderr[-3000:]))
    return done


def main():
    with tempfile.TemporaryDirectory() as tmp:
        prefix = os.path.join(tmp, 'prefix')
        run('cmake', '--install', BUILD, '--prefix', prefix)
        nnsweep = os.path.join(prefix, 'bin', 'nnsweep')
        assert os.path.isfile(os.path.join(prefix, 'include', 'nnsweep', 'plugin.h'))

        examples = os.path.join(tmp, 'examples')
        run('cmake', '-S', os.path.join(SOURCE, 'plugins', 'examples'), '-B', examples,
            '-DCMAKE_BUILD_TYPE=Release', '-DCMAKE_PREFIX_PATH=' + prefix)
        run('cmake', '--build', examples)
        libraries = [os.path.join(examples, name) for name in
                     ('libscaled_tanh.so', 'libsign_descent.so')]

        config = os.path.join(tmp, 'external.yaml')
        with open(config, 'w') as file:
            file.write('name: external\n'
                       'plugins: [examples/libscaled_tanh.so, examples/libsign_descent.so]\n'
                       'dataset: {name: moons, n_samples: 60, seed: 1}\n'
                       'model: {hidden: [3], activation: scaled_tanh}\n'
                       'optimizer: {name: sign_descent, learning_rate: 0.01}\n'
                       'train: {iterations: 50}\n')
        out = os.path.join(tmp, 'external.h5')
        done = run(nnsweep, 'run', config, '--out', out)
        assert 'external: ok' in done.stdout, done.stdout
        with h5py.File(out, 'r') as file:
            recorded = file.attrs['plugin_libraries']
        recorded = recorded.decode() if isinstance(recorded, bytes) else str(recorded)
        assert [line.split('  ')[1] for line in recorded.splitlines()] == libraries, recorded
        listing = run(nnsweep, 'plugins', '--plugin', libraries[0], '--plugin',
                      libraries[1]).stdout
        assert 'scaled_tanh' in listing and 'sign_descent' in listing, listing

        for library in ('libnnsweep_core.a', 'libnnsweep_plugins.a'):
            assert os.path.isfile(os.path.join(prefix, 'lib', 'nnsweep', library)), library
        consumer = os.path.join(tmp, 'consumer')
        run('cmake', '-S', os.path.join(SOURCE, 'tests', 'python', 'core_consumer'), '-B',
            consumer, '-DCMAKE_BUILD_TYPE=Release', '-DCMAKE_PREFIX_PATH=' + prefix)
        run('cmake', '--build', consumer)
        done = run(os.path.join(consumer, 'core_consumer'))
        assert done.stdout.startswith('core ok: '), done.stdout
    print('ok')


if __name__ == '__main__':
    main()
