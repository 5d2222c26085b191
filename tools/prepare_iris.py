#!/usr/bin/python3
"""Write the iris data as a CSV file for nnsweep's csv dataset, from the copy
that ships with Debian's python3-sklearn (nothing is downloaded).

sklearn keeps iris as sklearn/datasets/data/iris.csv: a first line
"150,4,setosa,versicolor,virginica" (examples, features, then the class names)
and rows of four measurements and a class index. The output has a header
naming the columns and the species by name, so that the classes a run reports
are words, not indices:

  sepal_length,sepal_width,petal_length,petal_width,species
  5.1,3.5,1.4,0.2,setosa

The measurements are copied as written, so the file is the same on every
machine with the same sklearn.

Usage: tools/prepare_iris.py [OUT]   (default: configs/data/iris.csv in the
                                      source tree)
Exit status: 0 written, 1 sklearn's file missing or not as described above
"""
import os
import sys

HEADER = 'sepal_length,sepal_width,petal_length,petal_width,species'
SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sklearn_iris_path():
    import sklearn.datasets  # only to find the package's data folder
    return os.path.join(os.path.dirname(sklearn.datasets.__file__), 'data', 'iris.csv')


def iris_rows(path):
    """The rows of sklearn's iris.csv as (four measurement texts, species name)."""
    with open(path, newline='') as source:
        lines = source.read().splitlines()
    head = lines[0].split(',')
    examples, features, names = int(head[0]), int(head[1]), head[2:]
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split(',')
        if len(cells) != features + 1:
            raise ValueError('%s:%d: %d cells, expected %d' % (path, number, len(cells), features + 1))
        for cell in cells[:features]:
            float(cell)  # raises on anything but a number
        rows.append((cells[:features], names[int(cells[features])]))
    if len(rows) != examples or features != 4:
        raise ValueError('%s: %d rows of %d features, expected %d of 4'
                         % (path, len(rows), features, examples))
    return rows


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SOURCE_DIR, 'configs', 'data',
                                                             'iris.csv')
    try:
        rows = iris_rows(sklearn_iris_path())
    except (ImportError, OSError, ValueError, IndexError) as error:
        sys.exit('prepare_iris: %s' % error)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, 'w', newline='\n') as target:
        target.write(HEADER + '\n')
        for measurements, species in rows:
            target.write(','.join(measurements) + ',' + species + '\n')
    print('%s: %d examples' % (out, len(rows)))


if __name__ == '__main__':
    main()
