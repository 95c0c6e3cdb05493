"""Generates the scoring corpus in test/corpus/scoring/: real models, data files, ensemble specs and
the expected output of `score --members` for every row, computed by scikit-learn itself
(VotingClassifier / VotingRegressor over the fitted estimators; PyTorch networks are wrapped as
scikit-learn estimators so the same code averages them).

    /usr/bin/python3 scripts/models/make_corpus.py

Every model is first run with onnxruntime-node and compared with scikit-learn / PyTorch row by row;
nothing is written unless they agree (probabilities to 1e-5, regression to 1e-4 relative) and the
member's argmax equals the estimator's predict().
"""

import os
import shutil

import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, load_wine
from sklearn.ensemble import (RandomForestClassifier, RandomForestRegressor, VotingClassifier,
                              VotingRegressor)
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler

import common as c

OUT = os.path.join(c.REPO, 'test', 'corpus', 'scoring')
PROBA_TOL = 1e-5
REG_TOL = 1e-4
REPORT = {}


def frame(bunch):
    return pd.DataFrame(bunch.data, columns=list(bunch.feature_names))


def split(n, n_data, seed):
    """Shuffled row order: the first n - n_data rows train, the last n_data rows form the data file."""
    order = np.random.RandomState(seed).permutation(n)
    return order[: n - n_data], np.sort(order[n - n_data:])


def proba_from_output(raw, kind):
    raw = np.asarray(raw, dtype=np.float64)
    if kind == 'logits':
        e = np.exp(raw - raw.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    if kind == 'sigmoid':
        return np.hstack([1.0 - raw, raw])
    return raw


def check_classifier_members(case, folder, members, X):
    """members: name → (estimator, file, feeds, output, kind). Compares ORT with predict_proba and
    ORT's argmax with predict() (in the estimator's encoded labels)."""
    print(f'{case}: onnxruntime-node vs scikit-learn / PyTorch')
    diffs = {}
    for name, (est, file, feeds, output, kind) in members.items():
        got = proba_from_output(c.ort_run(os.path.join(folder, file), feeds, [output])[output], kind)
        ref = est.predict_proba(X)
        diffs[name] = c.check_close(name, got, ref, PROBA_TOL)
        c.check_margin(f'{case} {name}', ref)
        assert np.array_equal(est.classes_[np.argmax(got, axis=1)], est.predict(X)), f'{name}: argmax differs'
    REPORT[case] = diffs
    return diffs


def member_columns(members, X, labels):
    """`<member>.prediction` and `<member>.proba_<class>` columns as `score --members` writes them."""
    out = {}
    for name, est in members.items():
        p = est.predict_proba(X)
        out[f'{name}.prediction'] = [labels[k] for k in np.argmax(p, axis=1)]
        for k, cl in enumerate(labels):
            out[f'{name}.proba_{cl}'] = c.floats(p[:, k])
    return out


def expected(spec_file, data_file, classes, reference, diffs, output, tol_key='proba', tol=PROBA_TOL, label=None):
    e = {'spec': spec_file, 'data': data_file, 'rows': len(output['prediction'])}
    if label:
        e['label'] = label
    if classes is not None:
        e['classes'] = classes
    e.update({'reference': reference, 'tolerance': {tol_key: tol},
              'max_abs_diff_onnxruntime_vs_reference': diffs, 'output': output})
    return e


def prefit_voting(vc_fitted, voting, weights):
    """A VotingClassifier over already-fitted estimators (same estimators_, le_, classes_)."""
    vc = VotingClassifier(vc_fitted.estimators, voting=voting, weights=weights)
    vc.estimators_ = vc_fitted.estimators_
    vc.named_estimators_ = vc_fitted.named_estimators_
    vc.le_ = vc_fitted.le_
    vc.classes_ = vc_fitted.classes_
    return vc


# ---------------------------------------------------------------------------------------------


def binary_soft_int():
    case = 'binary-soft-int'
    folder = os.path.join(OUT, case)
    bunch = load_breast_cancer()
    df = frame(bunch)
    cols = list(df.columns)
    df['diagnosis'] = bunch.target
    train, rows = split(len(df), 300, seed=11)
    c.write_csv(df.iloc[rows], os.path.join(folder, 'data.csv'))
    data = pd.read_csv(os.path.join(folder, 'data.csv'))
    X = data[cols].to_numpy(np.float64)
    Xtr, ytr = df[cols].to_numpy(np.float64)[train], df['diagnosis'].to_numpy()[train]
    forest_cols = ['mean texture', 'mean smoothness', 'mean concave points', 'mean symmetry', 'area error',
                   'worst radius', 'worst texture', 'worst concavity']
    sel = [cols.index(n) for n in forest_cols]
    weights = [2, 1, 1]
    vc = VotingClassifier([
        ('logreg', Pipeline([('scaler', StandardScaler()), ('lr', LogisticRegression(C=0.5, max_iter=2000))])),
        ('forest', Pipeline([('select', c.ColumnSelector(sel)),
                             ('rf', RandomForestClassifier(n_estimators=25, max_depth=6, random_state=11))])),
        ('mlp', c.TorchMLPClassifier(hidden=32, head='softmax', epochs=250, lr=0.01, seed=11)),
    ], voting='soft', weights=weights).fit(Xtr, ytr)
    m = dict(zip(['logreg', 'forest', 'mlp'], vc.estimators_))
    classes = [0, 1]
    c.save(c.logistic_regression_onnx(m['logreg']['scaler'], m['logreg']['lr'], classes, 30, 'logreg', opset=15),
           os.path.join(folder, 'logreg.onnx'))
    c.save(c.forest_classifier_onnx(m['forest']['rf'], classes, len(sel), 'forest', opset=13),
           os.path.join(folder, 'forest.onnx'))
    c.export_torch(m['mlp'], 30, os.path.join(folder, 'mlp.onnx'), 'features', 'probabilities', opset=14)
    x32 = X.astype(np.float32)
    diffs = check_classifier_members(case, folder, {
        'logreg': (m['logreg'], 'logreg.onnx', {'float_input': x32}, 'output_probability', 'proba'),
        'forest': (m['forest'], 'forest.onnx', {'float_input': x32[:, sel]}, 'output_probability', 'proba'),
        'mlp': (m['mlp'], 'mlp.onnx', {'features': x32}, 'probabilities', 'proba'),
    }, X)
    members = [
        {'name': 'logreg', 'model': 'logreg.onnx', 'weight': 2, 'inputs': {'float_input': cols},
         'output': 'output_probability', 'outputKind': 'probabilities'},
        {'name': 'forest', 'model': 'forest.onnx', 'weight': 1, 'inputs': {'float_input': forest_cols},
         'output': 'output_probability', 'outputKind': 'probabilities'},
        {'name': 'mlp', 'model': 'mlp.onnx', 'weight': 1, 'inputs': {'features': cols},
         'output': 'probabilities', 'outputKind': 'probabilities', 'classes': ['0', '1']},
    ]
    c.write_json(os.path.join(folder, 'ensemble.json'),
                 c.spec('binary soft vote, int labels', 'classification', members, {'method': 'soft_vote'}))
    labels = ['0', '1']
    p = vc.predict_proba(X)
    c.check_margin(f'{case} soft vote', p)
    out = {'prediction': [str(v) for v in vc.predict(X)],
           **{f'proba_{cl}': c.floats(p[:, k]) for k, cl in enumerate(labels)},
           **member_columns(m, X, labels)}
    c.write_json(os.path.join(folder, 'expected.json'), expected(
        'ensemble.json', 'data.csv', labels,
        "sklearn VotingClassifier(voting='soft', weights=[2, 1, 1]) over Pipeline(StandardScaler, "
        'LogisticRegression), Pipeline(column subset, RandomForestClassifier) and the PyTorch MLP wrapped as an '
        'estimator (its float32 forward pass).', diffs, out, label='diagnosis'))


def multiclass_string_labels():
    case = 'multiclass-string-labels'
    folder = os.path.join(OUT, case)
    bunch = load_iris()
    df = frame(bunch)
    cols = list(df.columns)
    df['species'] = np.asarray(bunch.target_names)[bunch.target]
    train, _ = split(len(df), 60, seed=21)
    c.write_csv(df, os.path.join(folder, 'data.csv'))  # all 150 rows; models saw the 90 training rows
    data = pd.read_csv(os.path.join(folder, 'data.csv'))
    X = data[cols].to_numpy(np.float64)
    Xtr, ytr = df[cols].to_numpy(np.float64)[train], df['species'].to_numpy()[train]
    forest_cols = ['sepal width (cm)', 'petal length (cm)', 'petal width (cm)']
    sel = [cols.index(n) for n in forest_cols]
    soft_w, hard_w = [1, 1, 2], [2, 1, 1]
    vc = VotingClassifier([
        ('logreg', Pipeline([('scaler', StandardScaler()), ('lr', LogisticRegression(C=0.3, max_iter=2000))])),
        ('forest', Pipeline([('select', c.ColumnSelector(sel)),
                             ('rf', RandomForestClassifier(n_estimators=30, max_depth=4, random_state=21))])),
        ('net', c.TorchMLPClassifier(hidden=16, head='logits', epochs=200, lr=0.01, seed=21)),
    ], voting='soft', weights=soft_w).fit(Xtr, ytr)
    m = dict(zip(['logreg', 'forest', 'net'], vc.estimators_))
    # The estimators were fitted on LabelEncoder codes; code k is the string label le_.classes_[k].
    labels = [str(v) for v in vc.le_.classes_]
    c.save(c.logistic_regression_onnx(m['logreg']['scaler'], m['logreg']['lr'], labels, 4, 'iris_logreg'),
           os.path.join(folder, 'logreg.onnx'))
    c.save(c.forest_classifier_onnx(m['forest']['rf'], labels, len(sel), 'iris_forest'),
           os.path.join(folder, 'forest.onnx'))
    c.export_torch(m['net'], 4, os.path.join(folder, 'net.onnx'), 'input', 'logits', opset=13)
    x32 = X.astype(np.float32)
    diffs = check_classifier_members(case, folder, {
        'logreg': (m['logreg'], 'logreg.onnx', {'float_input': x32}, 'output_probability', 'proba'),
        'forest': (m['forest'], 'forest.onnx', {'float_input': x32[:, sel]}, 'output_probability', 'proba'),
        'net': (m['net'], 'net.onnx', {'input': x32}, 'logits', 'logits'),
    }, X)
    # ORT's string labels must be the estimator's predictions.
    lab = c.ort_run(os.path.join(folder, 'logreg.onnx'), {'float_input': x32}, ['output_label'])['output_label']
    assert list(lab) == list(vc.le_.inverse_transform(m['logreg'].predict(X)))

    def members(w):
        return [
            {'name': 'logreg', 'model': 'logreg.onnx', 'weight': w[0], 'inputs': {'float_input': cols}},
            {'name': 'forest', 'model': 'forest.onnx', 'weight': w[1], 'inputs': {'float_input': forest_cols}},
            {'name': 'net', 'model': 'net.onnx', 'weight': w[2], 'inputs': {'input': cols}, 'output': 'logits',
             'outputKind': 'logits', 'classes': labels},
        ]
    c.write_json(os.path.join(folder, 'ensemble.json'),
                 c.spec('iris soft vote, string labels', 'classification', members(soft_w), {'method': 'soft_vote'}))
    c.write_json(os.path.join(folder, 'hard.ensemble.json'),
                 c.spec('iris hard vote, string labels', 'classification', members(hard_w), {'method': 'hard_vote'}))
    mcols = member_columns(m, X, labels)
    p = vc.predict_proba(X)
    c.check_margin(f'{case} soft vote', p)
    out = {'prediction': [str(v) for v in vc.predict(X)],
           **{f'proba_{cl}': c.floats(p[:, k]) for k, cl in enumerate(labels)}, **mcols}
    c.write_json(os.path.join(folder, 'expected.json'), expected(
        'ensemble.json', 'data.csv', labels,
        "sklearn VotingClassifier(voting='soft', weights=[1, 1, 2]) fitted on string labels; the PyTorch member "
        'outputs raw logits, turned into probabilities with softmax (float64) as DESIGN.md says.',
        diffs, out, label='species'))

    hard = prefit_voting(vc, 'hard', hard_w)
    votes = np.stack([est.predict(X) for est in hard.estimators_], axis=1)  # encoded labels
    w = np.asarray(hard_w, dtype=np.float64) / sum(hard_w)
    shares = np.stack([(w * (votes == k)).sum(axis=1) for k in range(len(labels))], axis=1)
    pred = [str(v) for v in hard.predict(X)]
    assert pred == [labels[k] for k in np.argmax(shares, axis=1)]
    ties = int(np.sum(np.sort(shares, axis=1)[:, -1] == np.sort(shares, axis=1)[:, -2]))
    out = {'prediction': pred, **{f'proba_{cl}': c.floats(shares[:, k]) for k, cl in enumerate(labels)}, **mcols}
    c.write_json(os.path.join(folder, 'hard.expected.json'), expected(
        'hard.ensemble.json', 'data.csv', labels,
        "prediction: sklearn VotingClassifier(voting='hard', weights=[2, 1, 1]) over the same fitted estimators; "
        f'proba_<class>: the weighted vote shares (DESIGN.md). Rows whose vote is tied: {ties}.',
        diffs, out, label='species'))


def double_per_column():
    case = 'double-per-column'
    folder = os.path.join(OUT, case)
    bunch = load_wine()
    df = frame(bunch)
    cols = list(df.columns)
    df['cultivar'] = bunch.target
    train, _ = split(len(df), 70, seed=31)
    c.write_csv(df, os.path.join(folder, 'data.csv'))  # all 178 rows; models saw 108
    data = pd.read_csv(os.path.join(folder, 'data.csv'))
    X = data[cols].to_numpy(np.float64)
    Xtr, ytr = df[cols].to_numpy(np.float64)[train], df['cultivar'].to_numpy()[train]
    forest_cols = ['alcohol', 'flavanoids', 'color_intensity', 'hue', 'od280/od315_of_diluted_wines', 'proline']
    sel = [cols.index(n) for n in forest_cols]
    vc = VotingClassifier([
        ('percolumn', Pipeline([('scaler', StandardScaler()), ('lr', LogisticRegression(C=0.2, max_iter=2000))])),
        ('forest', Pipeline([('select', c.ColumnSelector(sel)),
                             ('rf', RandomForestClassifier(n_estimators=30, max_depth=5, random_state=31))])),
    ], voting='soft', weights=[1, 1]).fit(Xtr, ytr)
    m = dict(zip(['percolumn', 'forest'], vc.estimators_))
    classes = [int(v) for v in vc.classes_]
    inputs, pre = c.per_column_double_prefix(cols)
    c.save(c.logistic_regression_onnx(m['percolumn']['scaler'], m['percolumn']['lr'], classes, len(cols),
                                      'wine_per_column', inputs=inputs, pre_nodes=pre),
           os.path.join(folder, 'percolumn.onnx'))
    c.save(c.forest_classifier_onnx(m['forest']['rf'], classes, len(sel), 'wine_forest'),
           os.path.join(folder, 'forest.onnx'))
    diffs = check_classifier_members(case, folder, {
        'percolumn': (m['percolumn'], 'percolumn.onnx', {n: X[:, [i]] for i, n in enumerate(cols)},
                      'output_probability', 'proba'),
        'forest': (m['forest'], 'forest.onnx', {'float_input': X[:, sel].astype(np.float32)},
                   'output_probability', 'proba'),
    }, X)
    members = [
        # No `inputs`: every model input is named after a data column.
        {'name': 'percolumn', 'model': 'percolumn.onnx'},
        {'name': 'forest', 'model': 'forest.onnx', 'inputs': {'float_input': forest_cols}},
    ]
    c.write_json(os.path.join(folder, 'ensemble.json'),
                 c.spec('wine, one double input per column', 'classification', members, {'method': 'soft_vote'}))
    labels = [str(v) for v in classes]
    p = vc.predict_proba(X)
    c.check_margin(f'{case} soft vote', p)
    out = {'prediction': [str(v) for v in vc.predict(X)],
           **{f'proba_{cl}': c.floats(p[:, k]) for k, cl in enumerate(labels)}, **member_columns(m, X, labels)}
    c.write_json(os.path.join(folder, 'expected.json'), expected(
        'ensemble.json', 'data.csv', labels,
        "sklearn VotingClassifier(voting='soft') over Pipeline(StandardScaler, LogisticRegression) (in ONNX: 13 "
        'double [N,1] inputs named after the columns, Concat, Cast to float) and Pipeline(column subset, '
        'RandomForestClassifier).', diffs, out, label='cultivar'))


def regression_mean():
    case = 'regression-mean'
    folder = os.path.join(OUT, case)
    bunch = load_diabetes()
    df = frame(bunch)
    cols = list(df.columns)
    df['progression'] = bunch.target
    train, rows = split(len(df), 200, seed=41)
    c.write_csv(df.iloc[rows], os.path.join(folder, 'data.csv'))
    data = pd.read_csv(os.path.join(folder, 'data.csv'))
    X = data[cols].to_numpy(np.float64)
    Xtr, ytr = df[cols].to_numpy(np.float64)[train], df['progression'].to_numpy()[train]
    forest_cols = ['age', 'bmi', 'bp', 's3', 's5', 's6']
    sel = [cols.index(n) for n in forest_cols]
    weights = [1, 2, 1]
    vr = VotingRegressor([
        ('linear', Pipeline([('scaler', StandardScaler()), ('lr', LinearRegression())])),
        ('forest', Pipeline([('select', c.ColumnSelector(sel)),
                             ('rf', RandomForestRegressor(n_estimators=30, max_depth=6, random_state=41))])),
        ('mlp', c.TorchMLPRegressor(hidden=32, epochs=400, lr=0.01, seed=41)),
    ], weights=weights).fit(Xtr, ytr)
    m = dict(zip(['linear', 'forest', 'mlp'], vr.estimators_))
    c.save(c.linear_regression_onnx(m['linear']['scaler'], m['linear']['lr'], len(cols), 'diabetes_linear'),
           os.path.join(folder, 'linear.onnx'))
    c.save(c.forest_regressor_onnx(m['forest']['rf'], len(sel), 'diabetes_forest'),
           os.path.join(folder, 'forest.onnx'))
    c.export_torch(m['mlp'], len(cols), os.path.join(folder, 'mlp.onnx'), 'x', 'y', opset=13)
    x32 = X.astype(np.float32)
    print(f'{case}: onnxruntime-node vs scikit-learn / PyTorch (relative)')
    diffs = {}
    for name, file, feeds, output in [('linear', 'linear.onnx', {'float_input': x32}, 'variable'),
                                      ('forest', 'forest.onnx', {'float_input': x32[:, sel]}, 'variable'),
                                      ('mlp', 'mlp.onnx', {'x': x32}, 'y')]:
        got = c.ort_run(os.path.join(folder, file), feeds, [output])[output][:, 0]
        diffs[name] = c.check_close(name, got, m[name].predict(X), REG_TOL, relative=True)
    REPORT[case] = diffs
    members = [
        {'name': 'linear', 'model': 'linear.onnx', 'weight': 1, 'inputs': {'float_input': cols},
         'output': 'variable', 'outputKind': 'value'},
        {'name': 'forest', 'model': 'forest.onnx', 'weight': 2, 'inputs': {'float_input': forest_cols},
         'output': 'variable', 'outputKind': 'value'},
        {'name': 'mlp', 'model': 'mlp.onnx', 'weight': 1, 'inputs': {'x': cols}, 'output': 'y',
         'outputKind': 'value'},
    ]
    c.write_json(os.path.join(folder, 'ensemble.json'),
                 c.spec('diabetes weighted mean', 'regression', members, {'method': 'mean'}))
    out = {'prediction': c.floats(vr.predict(X)),
           **{f'{n}.prediction': c.floats(est.predict(X)) for n, est in m.items()}}
    c.write_json(os.path.join(folder, 'expected.json'), expected(
        'ensemble.json', 'data.csv', None,
        'sklearn VotingRegressor(weights=[1, 2, 1]) over Pipeline(StandardScaler, LinearRegression), '
        'Pipeline(column subset, RandomForestRegressor) and the PyTorch regressor wrapped as an estimator '
        '(np.average of the member predictions with the weights).',
        diffs, out, tol_key='relative', tol=REG_TOL, label='progression'))


def binary_n1():
    case = 'binary-n1'
    folder = os.path.join(OUT, case)
    bunch = load_breast_cancer()
    df = frame(bunch)
    cols = list(df.columns)
    df['diagnosis'] = bunch.target
    train, rows = split(len(df), 250, seed=51)
    c.write_csv(df.iloc[rows], os.path.join(folder, 'data.csv'))
    data = pd.read_csv(os.path.join(folder, 'data.csv'))
    X = data[cols].to_numpy(np.float64)
    Xtr, ytr = df[cols].to_numpy(np.float64)[train], df['diagnosis'].to_numpy()[train]
    worst = [n for n in cols if n.startswith('worst ')]
    mean = [n for n in cols if n.startswith('mean ')]
    sw, sm = [cols.index(n) for n in worst], [cols.index(n) for n in mean]
    vc = VotingClassifier([
        ('sigmoid', Pipeline([('select', c.ColumnSelector(sw)),
                              ('net', c.TorchMLPClassifier(hidden=16, head='sigmoid', epochs=300, lr=0.01,
                                                           seed=51))])),
        ('logreg', Pipeline([('select', c.ColumnSelector(sm)), ('scaler', StandardScaler()),
                             ('lr', LogisticRegression(max_iter=2000))])),
    ], voting='soft', weights=[1, 1]).fit(Xtr, ytr)
    m = dict(zip(['sigmoid', 'logreg'], vc.estimators_))
    classes = [0, 1]
    c.export_torch(m['sigmoid']['net'], len(sw), os.path.join(folder, 'sigmoid.onnx'), 'input', 'p_benign', opset=13)
    c.save(c.logistic_regression_onnx(m['logreg']['scaler'], m['logreg']['lr'], classes, len(sm), 'logreg'),
           os.path.join(folder, 'logreg.onnx'))
    x32 = X.astype(np.float32)
    diffs = check_classifier_members(case, folder, {
        'sigmoid': (m['sigmoid'], 'sigmoid.onnx', {'input': x32[:, sw]}, 'p_benign', 'sigmoid'),
        'logreg': (m['logreg'], 'logreg.onnx', {'float_input': x32[:, sm]}, 'output_probability', 'proba'),
    }, X)
    members = [
        {'name': 'sigmoid', 'model': 'sigmoid.onnx', 'inputs': {'input': worst}, 'output': 'p_benign',
         'outputKind': 'probabilities', 'classes': ['0', '1']},
        {'name': 'logreg', 'model': 'logreg.onnx', 'inputs': {'float_input': mean}},
    ]
    c.write_json(os.path.join(folder, 'ensemble.json'),
                 c.spec('binary with a [N,1] sigmoid member', 'classification', members, {'method': 'soft_vote'},
                        classes=['0', '1']))
    labels = ['0', '1']
    p = vc.predict_proba(X)
    c.check_margin(f'{case} soft vote', p)
    out = {'prediction': [str(v) for v in vc.predict(X)],
           **{f'proba_{cl}': c.floats(p[:, k]) for k, cl in enumerate(labels)}, **member_columns(m, X, labels)}
    c.write_json(os.path.join(folder, 'expected.json'), expected(
        'ensemble.json', 'data.csv', labels,
        "sklearn VotingClassifier(voting='soft', weights=[1, 1]); the PyTorch member outputs one Sigmoid column "
        '[N,1] = P(class "1"), its probabilities are [1 - p, p].', diffs, out, label='diagnosis'))


def main():
    for case in ['binary-soft-int', 'multiclass-string-labels', 'double-per-column', 'regression-mean', 'binary-n1']:
        shutil.rmtree(os.path.join(OUT, case), ignore_errors=True)
    binary_soft_int()
    multiclass_string_labels()
    double_per_column()
    regression_mean()
    binary_n1()
    print('\nmax |ORT - reference| per member (regression: relative):')
    for case, diffs in REPORT.items():
        print(f'  {case}: ' + ', '.join(f'{k} {v:.3g}' for k, v in diffs.items()))


if __name__ == '__main__':
    main()
