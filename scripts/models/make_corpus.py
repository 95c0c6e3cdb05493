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

import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, load_wine
from sklearn.ensemble import (RandomForestClassifier, RandomForestRegressor, VotingClassifier,
                              VotingRegressor)
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.preprocessing import StandardScaler

import cases as cs
import common as c

OUT = os.path.join(c.REPO, 'test', 'corpus', 'scoring')
PROBA_TOL = 1e-5
REG_TOL = 1e-4
REPORT = {}


def case_data(folder, bunch, label, n_data, seed, target=None, all_rows=False):
    """A case's data: rows shuffled with `seed`; all but n_data of them train the models, the n_data
    others (all_rows: every row) go to data.csv, read back as X. Returns (columns, X, X_train, y_train)."""
    df, cols = cs.labelled_frame(bunch, label, target)
    train, rows = cs.split_rows(len(df), seed, n_data)
    X, _ = cs.write_read_back(df, None if all_rows else rows, os.path.join(folder, 'data.csv'), cols, label)
    return (cols, X, *cs.training_rows(df, cols, label, train))


def check_classifier_members(case, folder, members, X):
    """members: name → (estimator, file, feeds, output, kind); see cases.check_classifier_members."""
    print(f'{case}: onnxruntime-node vs scikit-learn / PyTorch')
    REPORT[case] = cs.check_classifier_members(case, folder, members, X, PROBA_TOL)
    return REPORT[case]


def write_case(folder, files):
    """file name → JSON object (specs and expected files)."""
    for name, obj in files.items():
        c.write_json(os.path.join(folder, name), obj)


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
    cols, X, Xtr, ytr = case_data(folder, load_breast_cancer(), 'diagnosis', 300, seed=11)
    forest_cols = ['mean texture', 'mean smoothness', 'mean concave points', 'mean symmetry', 'area error',
                   'worst radius', 'worst texture', 'worst concavity']
    sel = [cols.index(n) for n in forest_cols]
    weights = [2, 1, 1]
    vc = VotingClassifier([
        ('logreg', cs.scaled('lr', LogisticRegression(C=0.5, max_iter=2000))),
        ('forest', cs.on_columns(sel, ('rf', RandomForestClassifier(n_estimators=25, max_depth=6, random_state=11)))),
        ('mlp', c.TorchMLPClassifier(hidden=32, head='softmax', epochs=250, lr=0.01, seed=11)),
    ], voting='soft', weights=weights).fit(Xtr, ytr)
    m = dict(zip(['logreg', 'forest', 'mlp'], vc.estimators_))
    classes = [0, 1]
    cs.save_pipeline_onnx(m['logreg'], os.path.join(folder, 'logreg.onnx'), 'logreg', classes, opset=15)
    cs.save_pipeline_onnx(m['forest'], os.path.join(folder, 'forest.onnx'), 'forest', classes, opset=13)
    c.export_torch(m['mlp'], 30, os.path.join(folder, 'mlp.onnx'), 'features', 'probabilities', opset=14)
    x32 = X.astype(np.float32)
    diffs = check_classifier_members(case, folder, {
        'logreg': cs.converted(m['logreg'], 'logreg.onnx', x32),
        'forest': cs.converted(m['forest'], 'forest.onnx', x32[:, sel]),
        'mlp': (m['mlp'], 'mlp.onnx', {'features': x32}, 'probabilities', 'proba'),
    }, X)
    members = [
        cs.member('logreg', 'logreg.onnx', {'float_input': cols}, 2, 'output_probability', 'probabilities'),
        cs.member('forest', 'forest.onnx', {'float_input': forest_cols}, 1, 'output_probability', 'probabilities'),
        cs.member('mlp', 'mlp.onnx', {'features': cols}, 1, 'probabilities', 'probabilities', ['0', '1']),
    ]
    labels = ['0', '1']
    write_case(folder, {
        'ensemble.json': c.spec('binary soft vote, int labels', 'classification', members, {'method': 'soft_vote'}),
        'expected.json': expected(
            'ensemble.json', 'data.csv', labels,
            "sklearn VotingClassifier(voting='soft', weights=[2, 1, 1]) over Pipeline(StandardScaler, "
            'LogisticRegression), Pipeline(column subset, RandomForestClassifier) and the PyTorch MLP wrapped as an '
            'estimator (its float32 forward pass).', diffs, cs.soft_vote_output(case, vc, X, labels, m),
            label='diagnosis'),
    })


def multiclass_string_labels():
    case = 'multiclass-string-labels'
    folder = os.path.join(OUT, case)
    bunch = load_iris()
    # data.csv: all 150 rows; the models saw the 90 training rows.
    cols, X, Xtr, ytr = case_data(folder, bunch, 'species', 60, seed=21,
                                  target=np.asarray(bunch.target_names)[bunch.target], all_rows=True)
    forest_cols = ['sepal width (cm)', 'petal length (cm)', 'petal width (cm)']
    sel = [cols.index(n) for n in forest_cols]
    soft_w, hard_w = [1, 1, 2], [2, 1, 1]
    vc = VotingClassifier([
        ('logreg', cs.scaled('lr', LogisticRegression(C=0.3, max_iter=2000))),
        ('forest', cs.on_columns(sel, ('rf', RandomForestClassifier(n_estimators=30, max_depth=4, random_state=21)))),
        ('net', c.TorchMLPClassifier(hidden=16, head='logits', epochs=200, lr=0.01, seed=21)),
    ], voting='soft', weights=soft_w).fit(Xtr, ytr)
    m = dict(zip(['logreg', 'forest', 'net'], vc.estimators_))
    # The estimators were fitted on LabelEncoder codes; code k is the string label le_.classes_[k].
    labels = [str(v) for v in vc.le_.classes_]
    cs.save_pipeline_onnx(m['logreg'], os.path.join(folder, 'logreg.onnx'), 'iris_logreg', labels)
    cs.save_pipeline_onnx(m['forest'], os.path.join(folder, 'forest.onnx'), 'iris_forest', labels)
    c.export_torch(m['net'], 4, os.path.join(folder, 'net.onnx'), 'input', 'logits', opset=13)
    x32 = X.astype(np.float32)
    diffs = check_classifier_members(case, folder, {
        'logreg': cs.converted(m['logreg'], 'logreg.onnx', x32),
        'forest': cs.converted(m['forest'], 'forest.onnx', x32[:, sel]),
        'net': (m['net'], 'net.onnx', {'input': x32}, 'logits', 'logits'),
    }, X)
    # ORT's string labels must be the estimator's predictions.
    lab = cs.ort_output(os.path.join(folder, 'logreg.onnx'), {'float_input': x32}, 'output_label')
    assert list(lab) == list(vc.le_.inverse_transform(m['logreg'].predict(X)))

    def members(w):
        return [
            cs.member('logreg', 'logreg.onnx', {'float_input': cols}, w[0]),
            cs.member('forest', 'forest.onnx', {'float_input': forest_cols}, w[1]),
            cs.member('net', 'net.onnx', {'input': cols}, w[2], 'logits', 'logits', labels),
        ]
    soft = cs.soft_vote_output(case, vc, X, labels, m)

    hard = prefit_voting(vc, 'hard', hard_w)
    votes = np.stack([est.predict(X) for est in hard.estimators_], axis=1)  # encoded labels
    w = np.asarray(hard_w, dtype=np.float64) / sum(hard_w)
    shares = np.stack([(w * (votes == k)).sum(axis=1) for k in range(len(labels))], axis=1)
    pred = [str(v) for v in hard.predict(X)]
    assert pred == [labels[k] for k in np.argmax(shares, axis=1)]
    ties = int(np.sum(np.sort(shares, axis=1)[:, -1] == np.sort(shares, axis=1)[:, -2]))
    write_case(folder, {
        'ensemble.json': c.spec('iris soft vote, string labels', 'classification', members(soft_w),
                                {'method': 'soft_vote'}),
        'hard.ensemble.json': c.spec('iris hard vote, string labels', 'classification', members(hard_w),
                                     {'method': 'hard_vote'}),
        'expected.json': expected(
            'ensemble.json', 'data.csv', labels,
            "sklearn VotingClassifier(voting='soft', weights=[1, 1, 2]) fitted on string labels; the PyTorch member "
            'outputs raw logits, turned into probabilities with softmax (float64) as DESIGN.md says.',
            diffs, soft, label='species'),
        'hard.expected.json': expected(
            'hard.ensemble.json', 'data.csv', labels,
            "prediction: sklearn VotingClassifier(voting='hard', weights=[2, 1, 1]) over the same fitted estimators; "
            f'proba_<class>: the weighted vote shares (DESIGN.md). Rows whose vote is tied: {ties}.',
            diffs, {'prediction': pred, **cs.proba_columns(shares, labels),
                                    **cs.member_columns(m, X, labels)}, label='species'),
    })


def double_per_column():
    case = 'double-per-column'
    folder = os.path.join(OUT, case)
    # data.csv: all 178 rows; the models saw 108.
    cols, X, Xtr, ytr = case_data(folder, load_wine(), 'cultivar', 70, seed=31, all_rows=True)
    forest_cols = ['alcohol', 'flavanoids', 'color_intensity', 'hue', 'od280/od315_of_diluted_wines', 'proline']
    sel = [cols.index(n) for n in forest_cols]
    vc = VotingClassifier([
        ('percolumn', cs.scaled('lr', LogisticRegression(C=0.2, max_iter=2000))),
        ('forest', cs.on_columns(sel, ('rf', RandomForestClassifier(n_estimators=30, max_depth=5, random_state=31)))),
    ], voting='soft', weights=[1, 1]).fit(Xtr, ytr)
    m = dict(zip(['percolumn', 'forest'], vc.estimators_))
    classes = [int(v) for v in vc.classes_]
    inputs, pre = c.per_column_double_prefix(cols)
    cs.save_pipeline_onnx(m['percolumn'], os.path.join(folder, 'percolumn.onnx'), 'wine_per_column', classes,
                          inputs=inputs, pre_nodes=pre)
    cs.save_pipeline_onnx(m['forest'], os.path.join(folder, 'forest.onnx'), 'wine_forest', classes)
    diffs = check_classifier_members(case, folder, {
        'percolumn': (m['percolumn'], 'percolumn.onnx', {n: X[:, [i]] for i, n in enumerate(cols)},
                      'output_probability', 'proba'),
        'forest': cs.converted(m['forest'], 'forest.onnx', X[:, sel].astype(np.float32)),
    }, X)
    members = [
        # No `inputs`: every model input is named after a data column.
        cs.member('percolumn', 'percolumn.onnx'),
        cs.member('forest', 'forest.onnx', {'float_input': forest_cols}),
    ]
    labels = [str(v) for v in classes]
    write_case(folder, {
        'ensemble.json': c.spec('wine, one double input per column', 'classification', members,
                                {'method': 'soft_vote'}),
        'expected.json': expected(
            'ensemble.json', 'data.csv', labels,
            "sklearn VotingClassifier(voting='soft') over Pipeline(StandardScaler, LogisticRegression) (in ONNX: 13 "
            'double [N,1] inputs named after the columns, Concat, Cast to float) and Pipeline(column subset, '
            'RandomForestClassifier).', diffs, cs.soft_vote_output(case, vc, X, labels, m), label='cultivar'),
    })


def regression_mean():
    case = 'regression-mean'
    folder = os.path.join(OUT, case)
    cols, X, Xtr, ytr = case_data(folder, load_diabetes(), 'progression', 200, seed=41)
    forest_cols = ['age', 'bmi', 'bp', 's3', 's5', 's6']
    sel = [cols.index(n) for n in forest_cols]
    weights = [1, 2, 1]
    vr = VotingRegressor([
        ('linear', cs.scaled('lr', LinearRegression())),
        ('forest', cs.on_columns(sel, ('rf', RandomForestRegressor(n_estimators=30, max_depth=6, random_state=41)))),
        ('mlp', c.TorchMLPRegressor(hidden=32, epochs=400, lr=0.01, seed=41)),
    ], weights=weights).fit(Xtr, ytr)
    m = dict(zip(['linear', 'forest', 'mlp'], vr.estimators_))
    cs.save_pipeline_onnx(m['linear'], os.path.join(folder, 'linear.onnx'), 'diabetes_linear')
    cs.save_pipeline_onnx(m['forest'], os.path.join(folder, 'forest.onnx'), 'diabetes_forest')
    c.export_torch(m['mlp'], len(cols), os.path.join(folder, 'mlp.onnx'), 'x', 'y', opset=13)
    x32 = X.astype(np.float32)
    print(f'{case}: onnxruntime-node vs scikit-learn / PyTorch (relative)')
    diffs = {}
    for name, file, feeds, output in [('linear', 'linear.onnx', {'float_input': x32}, 'variable'),
                                      ('forest', 'forest.onnx', {'float_input': x32[:, sel]}, 'variable'),
                                      ('mlp', 'mlp.onnx', {'x': x32}, 'y')]:
        got = cs.ort_output(os.path.join(folder, file), feeds, output)[:, 0]
        diffs[name] = c.check_close(name, got, m[name].predict(X), REG_TOL, relative=True)
    REPORT[case] = diffs
    members = [
        cs.member('linear', 'linear.onnx', {'float_input': cols}, 1, 'variable', 'value'),
        cs.member('forest', 'forest.onnx', {'float_input': forest_cols}, 2, 'variable', 'value'),
        cs.member('mlp', 'mlp.onnx', {'x': cols}, 1, 'y', 'value'),
    ]
    out = {'prediction': c.floats(vr.predict(X)),
           **{f'{n}.prediction': c.floats(est.predict(X)) for n, est in m.items()}}
    write_case(folder, {
        'ensemble.json': c.spec('diabetes weighted mean', 'regression', members, {'method': 'mean'}),
        'expected.json': expected(
            'ensemble.json', 'data.csv', None,
            'sklearn VotingRegressor(weights=[1, 2, 1]) over Pipeline(StandardScaler, LinearRegression), '
            'Pipeline(column subset, RandomForestRegressor) and the PyTorch regressor wrapped as an estimator '
            '(np.average of the member predictions with the weights).',
            diffs, out, tol_key='relative', tol=REG_TOL, label='progression'),
    })


def binary_n1():
    case = 'binary-n1'
    folder = os.path.join(OUT, case)
    cols, X, Xtr, ytr = case_data(folder, load_breast_cancer(), 'diagnosis', 250, seed=51)
    worst = [n for n in cols if n.startswith('worst ')]
    mean = [n for n in cols if n.startswith('mean ')]
    sw, sm = [cols.index(n) for n in worst], [cols.index(n) for n in mean]
    vc = VotingClassifier([
        ('sigmoid', cs.on_columns(sw, ('net', c.TorchMLPClassifier(hidden=16, head='sigmoid', epochs=300, lr=0.01,
                                                                   seed=51)))),
        ('logreg', cs.on_columns(sm, ('scaler', StandardScaler()), ('lr', LogisticRegression(max_iter=2000)))),
    ], voting='soft', weights=[1, 1]).fit(Xtr, ytr)
    m = dict(zip(['sigmoid', 'logreg'], vc.estimators_))
    classes = [0, 1]
    c.export_torch(m['sigmoid']['net'], len(sw), os.path.join(folder, 'sigmoid.onnx'), 'input', 'p_benign', opset=13)
    cs.save_pipeline_onnx(m['logreg'], os.path.join(folder, 'logreg.onnx'), 'logreg', classes)
    x32 = X.astype(np.float32)
    diffs = check_classifier_members(case, folder, {
        'sigmoid': (m['sigmoid'], 'sigmoid.onnx', {'input': x32[:, sw]}, 'p_benign', 'sigmoid'),
        'logreg': cs.converted(m['logreg'], 'logreg.onnx', x32[:, sm]),
    }, X)
    members = [
        cs.member('sigmoid', 'sigmoid.onnx', {'input': worst}, output='p_benign', kind='probabilities',
                  classes=['0', '1']),
        cs.member('logreg', 'logreg.onnx', {'float_input': mean}),
    ]
    labels = ['0', '1']
    write_case(folder, {
        'ensemble.json': c.spec('binary with a [N,1] sigmoid member', 'classification', members,
                                {'method': 'soft_vote'}, classes=['0', '1']),
        'expected.json': expected(
            'ensemble.json', 'data.csv', labels,
            "sklearn VotingClassifier(voting='soft', weights=[1, 1]); the PyTorch member outputs one Sigmoid column "
            '[N,1] = P(class "1"), its probabilities are [1 - p, p].', diffs,
            cs.soft_vote_output(case, vc, X, labels, m), label='diagnosis'),
    })


CASES = {
    'binary-soft-int': binary_soft_int,
    'multiclass-string-labels': multiclass_string_labels,
    'double-per-column': double_per_column,
    'regression-mean': regression_mean,
    'binary-n1': binary_n1,
}


def main():
    cs.run_cases(OUT, CASES, REPORT, 'max |ORT - reference| per member (regression: relative):')


if __name__ == '__main__':
    main()
