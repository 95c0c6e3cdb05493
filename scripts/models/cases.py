"""Case assembly shared by the generators in this folder (make_demo.py, make_corpus.py,
make_optimize_corpus.py): the labelled data frames and their seeded splits, the data files written
and read back, the fitted pipelines saved as ONNX, the ONNX Runtime checks of the members, and the
pieces of the ensemble specs and expected files.

Everything here is deterministic and keeps the key order of the JSON it builds: the committed
outputs depend on it.
"""

import os
import shutil

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

import common as c


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


def labelled_frame(bunch, label, target=None):
    """A scikit-learn data set as a DataFrame of its features plus the label column (`target`, or
    the bunch's own). Returns (frame, feature column names)."""
    df = pd.DataFrame(bunch.data, columns=list(bunch.feature_names))
    cols = list(df.columns)
    df[label] = bunch.target if target is None else target
    return df, cols


def split_rows(n, seed, *sizes):
    """Shuffles the row numbers (np.random.RandomState(seed).permutation(n)) and cuts them: the
    first n - sum(sizes) rows train (in shuffled order), then one sorted part per size."""
    order = np.random.RandomState(seed).permutation(n)
    parts, start = [], n - sum(sizes)
    train = order[:start]
    for size in sizes:
        parts.append(np.sort(order[start:start + size]))
        start += size
    return (train, *parts)


def training_rows(df, cols, label, train):
    """(X, y) of the training rows, straight from the frame."""
    return df[cols].to_numpy(np.float64)[train], df[label].to_numpy()[train]


def write_read_back(df, rows, path, cols, label, **read_csv):
    """Writes `rows` of the frame (None: all of them) to a CSV file and reads it back, so that the
    references see exactly what the app reads. Returns (X as float64, label column)."""
    c.write_csv(df if rows is None else df.iloc[rows], path)
    data = pd.read_csv(path, **read_csv)
    return data[cols].to_numpy(np.float64), data[label].to_numpy()


def column_positions(cols, groups):
    """name → the positions in `cols` of that member's columns."""
    return {name: [cols.index(n) for n in group] for name, group in groups.items()}


# --------------------------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------------------------


def on_columns(positions, *steps):
    """Pipeline(ColumnSelector(positions), *steps): an estimator that reads only its own columns."""
    return Pipeline([('select', c.ColumnSelector(positions)), *steps])


def scaled(name, estimator):
    """Pipeline(StandardScaler, estimator), the step names the ONNX converters look up."""
    return Pipeline([('scaler', StandardScaler()), (name, estimator)])


def save_pipeline_onnx(pipe, path, graph_name, classes=None, opset=15, x_init=None, **logreg):
    """Saves a fitted Pipeline in the skl2onnx shape its final step calls for: (StandardScaler,)
    LogisticRegression / LinearRegression, RandomForestClassifier / Regressor or
    GradientBoostingClassifier (x_init: rows in its own columns, for the initial raw score).
    A leading column selector is left out: the ONNX model takes the selected columns.
    `logreg` goes to logistic_regression_onnx (inputs / pre_nodes)."""
    final = pipe.steps[-1][1]
    if isinstance(final, LogisticRegression):
        scaler = pipe['scaler']
        model = c.logistic_regression_onnx(scaler, final, classes, len(scaler.mean_), graph_name, opset, **logreg)
    elif isinstance(final, LinearRegression):
        scaler = pipe['scaler']
        model = c.linear_regression_onnx(scaler, final, len(scaler.mean_), graph_name, opset)
    elif isinstance(final, RandomForestClassifier):
        model = c.forest_classifier_onnx(final, classes, final.n_features_in_, graph_name, opset)
    elif isinstance(final, RandomForestRegressor):
        model = c.forest_regressor_onnx(final, final.n_features_in_, graph_name, opset)
    elif isinstance(final, GradientBoostingClassifier):
        model = c.gradient_boosting_onnx(final, classes, final.n_features_in_, graph_name, x_init, opset)
    else:
        raise TypeError(f'no ONNX converter here for {type(final).__name__}')
    c.save(model, path)


def ort_output(path, feeds, output):
    """One output of a model file, run with onnxruntime-node."""
    return c.ort_run(path, feeds, [output])[output]


def converted(est, file, x32):
    """A check entry (see check_classifier_members) for a classifier saved by save_pipeline_onnx:
    input `float_input` fed with x32, probabilities read from `output_probability`."""
    return est, file, {'float_input': x32}, 'output_probability', 'proba'


def check_classifier_members(what, folder, members, X, tol):
    """members: name → (estimator, file, feeds, output, kind). Compares ONNX Runtime (its output
    turned into probabilities by `kind`, see common.member_proba) with predict_proba on X, refuses
    near-tied rows, and checks ORT's argmax against predict(). Returns name → max |difference|."""
    diffs = {}
    for name, (est, file, feeds, output, kind) in members.items():
        got = c.member_proba(ort_output(os.path.join(folder, file), feeds, output), kind)
        ref = est.predict_proba(X)
        diffs[name] = c.check_close(name, got, ref, tol)
        c.check_margin(f'{what} {name}', ref)
        assert np.array_equal(est.classes_[np.argmax(got, axis=1)], est.predict(X)), f'{name}: argmax differs'
    return diffs


# --------------------------------------------------------------------------------------------
# Specs and expected files
# --------------------------------------------------------------------------------------------


def member(name, model, inputs=None, weight=None, output=None, kind=None, classes=None):
    """A spec member, keys in the order the spec files use; the fields left as None are omitted."""
    m = {'name': name, 'model': model}
    for key, value in (('weight', weight), ('inputs', inputs), ('output', output), ('outputKind', kind),
                       ('classes', classes)):
        if value is not None:
            m[key] = value
    return m


def proba_columns(p, labels, prefix=''):
    """`<prefix>proba_<class>` columns, one per class, as `score` writes them."""
    return {f'{prefix}proba_{cl}': c.floats(p[:, k]) for k, cl in enumerate(labels)}


def member_columns(members, X, labels):
    """`<member>.prediction` and `<member>.proba_<class>` columns as `score --members` writes them."""
    out = {}
    for name, est in members.items():
        p = est.predict_proba(X)
        out[f'{name}.prediction'] = [labels[k] for k in np.argmax(p, axis=1)]
        out.update(proba_columns(p, labels, f'{name}.'))
    return out


def soft_vote_output(what, vc, X, labels, members):
    """The expected `score --members` output of a fitted soft VotingClassifier: its prediction and
    probabilities (refused if two classes nearly tie on a row), then every member's columns."""
    p = vc.predict_proba(X)
    c.check_margin(f'{what} soft vote'.strip(), p)
    return {'prediction': [str(v) for v in vc.predict(X)], **proba_columns(p, labels),
            **member_columns(members, X, labels)}



# --------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------


def run_cases(out, cases, report, title):
    """Removes every case folder under `out`, makes the cases in order (name → function), then prints
    `report` (case → member → max difference of ONNX Runtime from the reference) under `title`."""
    for case in cases:
        shutil.rmtree(os.path.join(out, case), ignore_errors=True)
    for make in cases.values():
        make()
    print(f'\n{title}')
    for case, diffs in report.items():
        print(f'  {case}: ' + ', '.join(f'{k} {v:.3g}' for k, v in diffs.items()))
