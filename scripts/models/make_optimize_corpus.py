"""Generates the evaluate / optimize acceptance corpus in test/corpus/optimize/: real models (ONNX in
the shape skl2onnx emits, tree ensembles, PyTorch exports), a labelled hold-out file, a second
labelled file to score, a soft-vote (or mean) spec, and `expected.json` computed by scikit-learn:

- `metrics`: every metric main/evaluate/METRICS.md defines, per member and for the ensemble, on holdout.csv, computed by
  scikit-learn on the members' ONNX Runtime outputs (float32, as the app reads them; logits through
  a float64 softmax; the ensemble as the soft vote / weighted mean of those), so the app and
  scikit-learn see the same predictions and must agree to 1e-9 relative.
- `greedy`: Caruana's forward selection with replacement as DESIGN.md defines it (auto-sklearn's
  EnsembleSelection._slow, 50 rounds, log loss / RMSE, ties to the lowest index, count / size), run
  on the same ONNX Runtime outputs, and checked to give the same weights on scikit-learn's own
  predict_proba (so float32 noise cannot change the answer).
- `stacking`: StackingClassifier(estimators=…, final_estimator=LogisticRegression(), cv='prefit',
  stack_method='predict_proba') fitted on holdout.csv over the fitted estimators, its
  predict_proba / predict on score.csv; regression: StackingRegressor(final_estimator=
  Ridge(alpha=1.0), cv='prefit') (the app's documented choice, main/optimize/stacking.ts).

    /usr/bin/python3 scripts/models/make_optimize_corpus.py

Needs `npm ci` (runs every model with onnxruntime-node through ort_run.mjs). Nothing is written
unless every model agrees with scikit-learn / PyTorch (probabilities 1e-5, regression 1e-4
relative).
"""

import os

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine
from sklearn.ensemble import (GradientBoostingClassifier, RandomForestClassifier, RandomForestRegressor,
                              StackingClassifier, StackingRegressor)
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, brier_score_loss, confusion_matrix, f1_score,
                             log_loss, mean_absolute_error, mean_squared_error, r2_score, roc_auc_score, roc_curve)
from sklearn.preprocessing import StandardScaler

import cases as cs
import common as c

OUT = os.path.join(c.REPO, 'test', 'corpus', 'optimize')
PROBA_TOL = 1e-5
REG_TOL = 1e-4
EPS = 1e-15  # main/evaluate/METRICS.md: log loss clips to [1e-15, 1 - 1e-15]
SIZE = 50
# Stacking labels are compared exactly: refuse a score row whose top two stacked probabilities
# are closer than this (the app's meta-model is within ~2e-5 of sklearn's lbfgs).
STACK_MARGIN = 1e-3
REPORT = {}


def case_data(folder, bunch, label, n_hold, n_score, seed, target=None):
    """A case's data: rows shuffled with `seed`, the last n_hold to holdout.csv and the n_score after
    them to score.csv (both read back exactly, float_precision='round_trip'), the others train.
    Returns (columns, (X_train, y_train), (X_holdout, y_holdout), (X_score, y_score))."""
    df, cols = cs.labelled_frame(bunch, label, target)
    train, hold, score = cs.split_rows(len(df), seed, n_hold, n_score)
    files = [cs.write_read_back(df, rows, os.path.join(folder, name), cols, label, float_precision='round_trip')
             for name, rows in (('holdout.csv', hold), ('score.csv', score))]
    return (cols, cs.training_rows(df, cols, label, train), *files)


def member_outputs(folder, io, sel, X):
    """Every member's raw ONNX Runtime output on X (float32, the member's own columns).
    io: name → (file, input, output, kind); returns name → (output, kind)."""
    x32 = X.astype(np.float32)
    return {n: (cs.ort_output(os.path.join(folder, file), {inp: x32[:, sel[n]]}, out), kind)
            for n, (file, inp, out, kind) in io.items()}


def fit_all(ests, X, y):
    for e in ests.values():
        e.fit(X, y)
    return ests


def weighted(scores, weights):
    """Σ w_i s_i / Σ w_i in member order (soft_vote / mean, DESIGN.md)."""
    acc = np.zeros_like(scores[0])
    for s, w in zip(scores, weights):
        acc = acc + w * s
    return acc / float(sum(weights))


# ---------------------------------------------------------------------------------------------
# References
# ---------------------------------------------------------------------------------------------


def classification_metrics(y, p, k):
    """y: class index per row; p: N×K in class order."""
    pred = np.argmax(p, axis=1)
    out = {
        'accuracy': accuracy_score(y, pred),
        'balanced_accuracy': balanced_accuracy_score(y, pred),
        'log_loss': log_loss(y, p, eps=EPS, labels=list(range(k))),
        'f1_macro': f1_score(y, pred, average='macro'),
    }
    if k == 2:
        out['roc_auc'] = roc_auc_score(y == 1, p[:, 1])
        # brier_score_loss refuses float32 probabilities a hair above 1 (a forest's summed leaf
        # shares, e.g. 1.0000001); its value is mean_squared_error(y == positive, P(positive)).
        p1 = p[:, 1]
        out['brier'] = brier_score_loss(y == 1, p1) if p1.max() <= 1 else mean_squared_error(y == 1, p1)
    else:
        out['roc_auc'] = roc_auc_score(y, p, multi_class='ovr', average='macro', labels=list(range(k)))
    return {name: float(v) for name, v in out.items()}


def curves(y, p, k):
    """ROC and calibration curves per positive class (binary: the second class; else one-vs-rest)."""
    roc, cal = [], []
    for cl in ([1] if k == 2 else range(k)):
        fpr, tpr, thr = roc_curve(y == cl, p[:, cl])
        roc.append({'classIndex': int(cl), 'fpr': c.floats(fpr), 'tpr': c.floats(tpr), 'thresholds': c.floats(thr)})
        prob_true, prob_pred = calibration_curve((y == cl).astype(int), p[:, cl], n_bins=10, strategy='uniform')
        cal.append({'classIndex': int(cl), 'probTrue': c.floats(prob_true), 'probPred': c.floats(prob_pred)})
    return roc, cal


def regression_metrics(y, p):
    q = np.percentile(y - p, [5, 25, 50, 75, 95])
    return {'rmse': float(mean_squared_error(y, p, squared=False)), 'mae': float(mean_absolute_error(y, p)),
            'r2': float(r2_score(y, p)), 'residual_q05': float(q[0]), 'residual_q25': float(q[1]),
            'residual_q50': float(q[2]), 'residual_q75': float(q[3]), 'residual_q95': float(q[4])}


def diversity(scores, preds):
    m = len(scores)
    corr = np.corrcoef(np.array([s.ravel() for s in scores]))
    out = {'correlation': corr.tolist(), 'disagreement': None}
    if preds is not None:
        out['disagreement'] = [[float(np.mean(preds[i] != preds[j])) for j in range(m)] for i in range(m)]
    return out


def greedy_reference(predictions, loss, size=SIZE):
    """auto-sklearn 0.15 EnsembleSelection._slow + _calculate_weights, as DESIGN.md's "Weight search":
    each round adds the member giving the lowest loss of the running average (candidate included,
    np.mean over the chosen list), ties to the lowest index (np.nanargmin); weight = count / size."""
    ensemble, order, trajectory, gaps = [], [], [], []
    for _ in range(size):
        scores = np.zeros(len(predictions), dtype=np.float64)
        for j, pred in enumerate(predictions):
            ensemble.append(pred)
            scores[j] = loss(np.mean(np.array(ensemble), axis=0))
            ensemble.pop()
        best = int(np.nanargmin(scores))
        others = np.delete(scores, best)
        # How far the runner-up is (relative), ignoring candidates that tie exactly because they
        # are the same predictions; a tiny gap would make the answer depend on float noise.
        gaps.append(float(np.min((others - scores[best]) / abs(scores[best]))) if len(others) else np.inf)
        ensemble.append(predictions[best])
        order.append(best)
        trajectory.append(float(scores[best]))
        if len(predictions) == 1:
            break
    counts = np.bincount(order, minlength=len(predictions))
    weights = np.zeros(len(predictions), dtype=np.float64)
    for i, n in enumerate(counts):
        if n:
            weights[i] = float(n) / size
    if np.sum(weights) < 1:
        weights = weights / np.sum(weights)
    return {'weights': [float(w) for w in weights], 'counts': [int(n) for n in counts], 'order': order,
            'trajectory': trajectory, 'min_relative_gap': float(min(gaps))}


# ---------------------------------------------------------------------------------------------
# Case assembly
# ---------------------------------------------------------------------------------------------


def greedy_search(case, names, app, reference, loss):
    """Greedy selection on exactly what the app sees (the ONNX Runtime outputs), checked to choose the
    same members in the same order on the scikit-learn / PyTorch predictions (so float32 noise cannot
    change the answer)."""
    greedy = greedy_reference(app, loss)
    greedy_sk = greedy_reference(reference, loss)
    assert greedy['counts'] == greedy_sk['counts'], f'{case}: greedy differs on sklearn predictions'
    assert greedy['order'] == greedy_sk['order'], f'{case}: greedy order differs on sklearn predictions'
    print(f'  greedy counts {dict(zip(names, greedy["counts"]))}, min relative gap {greedy["min_relative_gap"]:.3g}')
    return greedy


def greedy_entry(names, metric, greedy):
    """The `greedy` block of expected.json."""
    return {'size': SIZE, 'metric': metric, 'weights': dict(zip(names, greedy['weights'])),
            'counts': dict(zip(names, greedy['counts'])),
            'trajectory': [{'round': i + 1, 'member': names[m], 'loss': l}
                           for i, (m, l) in enumerate(zip(greedy['order'], greedy['trajectory']))],
            'min_relative_gap': greedy['min_relative_gap']}


def classification_case(case, folder, title, members, ests, onnx_runs, classes, holdout, score, label, reference):
    """Writes a classification case: ensemble.json (soft vote, equal weights, of `members`, named
    `title`) and expected.json. ests: name → fitted sklearn estimator; onnx_runs: name → (raw ORT output
    on holdout, kind); classes: the ensemble's class labels as strings, in the estimators' classes_
    order; holdout, score: (X, labels) read back from holdout.csv and score.csv."""
    names, estimators = list(ests), list(ests.values())
    (Xh, yh_raw), (Xs, ys_raw) = holdout, score
    weights = [1] * len(names)
    c.write_json(os.path.join(folder, 'ensemble.json'),
                 c.spec(title, 'classification', members, {'method': 'soft_vote'}))
    k = len(classes)
    index = {cl: i for i, cl in enumerate(classes)}
    yh = np.array([index[str(v)] for v in yh_raw])
    print(f'{case}: onnxruntime-node vs scikit-learn / PyTorch')
    diffs = {}
    app = []
    for name, est in zip(names, estimators):
        raw, kind = onnx_runs[name]
        p = c.member_proba(raw, kind)
        diffs[name] = c.check_close(name, p, est.predict_proba(Xh), PROBA_TOL)
        assert [str(v) for v in est.classes_] == classes, f'{name}: classes {est.classes_}'
        app.append(p)
    REPORT[case] = diffs
    ens = weighted(app, weights)

    metrics = {'ensemble': classification_metrics(yh, ens, k),
               'members': {n: classification_metrics(yh, p, k) for n, p in zip(names, app)}}
    confusion = {'ensemble': confusion_matrix(yh, np.argmax(ens, axis=1), labels=list(range(k))).tolist(),
                 'members': {n: confusion_matrix(yh, np.argmax(p, axis=1), labels=list(range(k))).tolist()
                             for n, p in zip(names, app)}}
    roc, cal = curves(yh, ens, k)
    div = diversity([p[:, 1] if k == 2 else p for p in app], [np.argmax(p, axis=1) for p in app])

    def loss(p):
        return log_loss(yh, p, eps=EPS, labels=list(range(k)))
    greedy = greedy_search(case, names, app, [est.predict_proba(Xh) for est in estimators], loss)

    stack = StackingClassifier(estimators=list(zip(names, estimators)), final_estimator=LogisticRegression(),
                               cv='prefit', stack_method='predict_proba').fit(Xh, np.asarray(yh_raw))
    sp = stack.predict_proba(Xs)
    margin = c.check_margin(f'{case} stacking', sp, STACK_MARGIN)
    spred = [str(v) for v in stack.predict(Xs)]
    assert [str(v) for v in stack.classes_] == classes
    assert spred == [classes[i] for i in np.argmax(sp, axis=1)]
    stack_acc = float(np.mean(np.array(spred) == np.array([str(v) for v in ys_raw])))
    print(f'  stacking: margin {margin:.3g}, accuracy on score.csv {stack_acc:.3f}')
    final = stack.final_estimator_
    c.write_json(os.path.join(folder, 'expected.json'), {
        'spec': 'ensemble.json', 'holdout': 'holdout.csv', 'score': 'score.csv',
        'task': 'classification', 'classes': classes, 'label': label, 'reference': reference,
        'holdoutRows': int(len(yh)), 'scoreRows': int(len(ys_raw)),
        'max_abs_diff_onnxruntime_vs_sklearn': diffs,
        'metrics': metrics, 'confusion': confusion,
        'ensembleCurves': {'roc': roc, 'calibration': cal},
        'diversity': {'names': names, **div},
        'greedy': greedy_entry(names, 'log_loss', greedy),
        'stacking': {
            'reference': "StackingClassifier(estimators=[...fitted members], final_estimator=LogisticRegression(), "
                         "cv='prefit', stack_method='predict_proba').fit(holdout) → predict_proba / predict(score.csv)",
            'coef': final.coef_.tolist(), 'intercept': final.intercept_.tolist(),
            'prediction': spred, 'proba': {f'proba_{cl}': c.floats(sp[:, j]) for j, cl in enumerate(classes)},
            'min_top_two_margin': margin, 'accuracy_on_score': stack_acc,
        },
    })


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------


def binary():
    """Breast cancer, int labels 0/1; four members on different feature groups."""
    case = 'binary'
    folder = os.path.join(OUT, case)
    cols, (Xtr, ytr), (Xh, yh), (Xs, ys) = case_data(folder, load_breast_cancer(), 'diagnosis', 170, 130, seed=61)
    groups = {
        'logreg': ['mean radius', 'mean texture', 'mean smoothness'],
        'forest': ['worst texture', 'worst smoothness', 'worst symmetry', 'worst concavity'],
        'gboost': ['radius error', 'texture error', 'area error', 'concavity error'],
        'mlp': ['mean compactness', 'mean symmetry', 'mean fractal dimension', 'worst area'],
    }
    sel = cs.column_positions(cols, groups)
    ests = fit_all({
        'logreg': cs.on_columns(sel['logreg'], ('scaler', StandardScaler()),
                                ('lr', LogisticRegression(C=0.5, max_iter=2000))),
        'forest': cs.on_columns(sel['forest'],
                                ('rf', RandomForestClassifier(n_estimators=20, max_depth=5, random_state=61))),
        'gboost': cs.on_columns(sel['gboost'], ('gb', GradientBoostingClassifier(n_estimators=25, max_depth=2,
                                                                                 learning_rate=0.2, random_state=61))),
        'mlp': cs.on_columns(sel['mlp'],
                             ('net', c.TorchMLPClassifier(hidden=16, head='softmax', epochs=200, lr=0.01, seed=61))),
    }, Xtr, ytr)
    classes = [0, 1]
    cs.save_pipeline_onnx(ests['logreg'], os.path.join(folder, 'logreg.onnx'), 'logreg', classes)
    cs.save_pipeline_onnx(ests['forest'], os.path.join(folder, 'forest.onnx'), 'forest', classes, opset=13)
    cs.save_pipeline_onnx(ests['gboost'], os.path.join(folder, 'gboost.onnx'), 'gboost', classes,
                          x_init=Xtr[:, sel['gboost']])
    c.export_torch(ests['mlp']['net'], 4, os.path.join(folder, 'mlp.onnx'), 'features', 'probabilities', opset=14)
    runs = member_outputs(folder, {
        'logreg': ('logreg.onnx', 'float_input', 'output_probability', 'proba'),
        'forest': ('forest.onnx', 'float_input', 'output_probability', 'proba'),
        'gboost': ('gboost.onnx', 'float_input', 'output_probability', 'proba'),
        'mlp': ('mlp.onnx', 'features', 'probabilities', 'proba'),
    }, sel, Xh)
    members = [
        cs.member('logreg', 'logreg.onnx', {'float_input': groups['logreg']}),
        cs.member('forest', 'forest.onnx', {'float_input': groups['forest']}),
        cs.member('gboost', 'gboost.onnx', {'float_input': groups['gboost']}),
        cs.member('mlp', 'mlp.onnx', {'features': groups['mlp']}, output='probabilities', kind='probabilities',
                  classes=['0', '1']),
    ]
    classification_case(case, folder, 'breast cancer, four members on different feature groups', members, ests,
                        runs, ['0', '1'], (Xh, yh), (Xs, ys), 'diagnosis',
                        'Pipeline(column subset, StandardScaler, LogisticRegression), Pipeline(column subset, '
                        'RandomForestClassifier), Pipeline(column subset, GradientBoostingClassifier), '
                        'Pipeline(column subset, PyTorch MLP + Softmax); soft vote, equal weights')


def multiclass():
    """Wine with string labels; three weak members on different feature groups."""
    case = 'multiclass-strings'
    folder = os.path.join(OUT, case)
    bunch = load_wine()
    target = np.array(['barbera', 'barolo', 'grignolino'], dtype=object)[[1, 2, 0]][bunch.target]
    cols, (Xtr, ytr), (Xh, yh), (Xs, ys) = case_data(folder, bunch, 'cultivar', 70, 50, seed=71, target=target)
    groups = {
        'logreg': ['alcohol', 'malic_acid', 'ash'],
        'forest': ['total_phenols', 'magnesium', 'alcalinity_of_ash', 'proanthocyanins'],
        'net': ['color_intensity', 'hue', 'nonflavanoid_phenols'],
    }
    sel = cs.column_positions(cols, groups)
    ests = fit_all({
        'logreg': cs.on_columns(sel['logreg'], ('scaler', StandardScaler()),
                                ('lr', LogisticRegression(C=0.3, max_iter=2000))),
        'forest': cs.on_columns(sel['forest'],
                                ('rf', RandomForestClassifier(n_estimators=20, max_depth=4, random_state=71))),
        'net': cs.on_columns(sel['net'],
                             ('net', c.TorchMLPClassifier(hidden=12, head='logits', epochs=150, lr=0.01, seed=71))),
    }, Xtr, ytr)
    labels = [str(v) for v in ests['logreg'].classes_]
    cs.save_pipeline_onnx(ests['logreg'], os.path.join(folder, 'logreg.onnx'), 'wine_logreg', labels)
    cs.save_pipeline_onnx(ests['forest'], os.path.join(folder, 'forest.onnx'), 'wine_forest', labels)
    c.export_torch(ests['net']['net'], 3, os.path.join(folder, 'net.onnx'), 'input', 'logits', opset=13)
    runs = member_outputs(folder, {
        'logreg': ('logreg.onnx', 'float_input', 'output_probability', 'proba'),
        'forest': ('forest.onnx', 'float_input', 'output_probability', 'proba'),
        'net': ('net.onnx', 'input', 'logits', 'logits'),
    }, sel, Xh)
    members = [
        cs.member('logreg', 'logreg.onnx', {'float_input': groups['logreg']}),
        cs.member('forest', 'forest.onnx', {'float_input': groups['forest']}),
        cs.member('net', 'net.onnx', {'input': groups['net']}, output='logits', kind='logits', classes=labels),
    ]
    classification_case(case, folder, 'wine cultivars (string labels), three members', members, ests, runs,
                        labels, (Xh, yh), (Xs, ys), 'cultivar',
                        'Pipeline(column subset, StandardScaler, LogisticRegression) (multinomial, ZipMap with '
                        'string labels), Pipeline(column subset, RandomForestClassifier), Pipeline(column subset, '
                        'PyTorch MLP giving raw logits → softmax); soft vote, equal weights')


def regression():
    case = 'regression'
    folder = os.path.join(OUT, case)
    cols, (Xtr, ytr), (Xh, yh), (Xs, ys) = case_data(folder, load_diabetes(), 'progression', 150, 100, seed=81)
    yh = yh.astype(np.float64)
    groups = {'linear': ['age', 'sex', 'bmi', 'bp'], 'forest': ['bmi', 's1', 's2', 's3', 's5'],
              'mlp': ['bp', 's4', 's5', 's6']}
    sel = cs.column_positions(cols, groups)
    ests = fit_all({
        'linear': cs.on_columns(sel['linear'], ('scaler', StandardScaler()), ('lr', LinearRegression())),
        'forest': cs.on_columns(sel['forest'],
                                ('rf', RandomForestRegressor(n_estimators=15, max_depth=4, random_state=81))),
        'mlp': cs.on_columns(sel['mlp'], ('net', c.TorchMLPRegressor(hidden=16, epochs=300, lr=0.01, seed=81))),
    }, Xtr, ytr)
    cs.save_pipeline_onnx(ests['linear'], os.path.join(folder, 'linear.onnx'), 'diabetes_linear')
    cs.save_pipeline_onnx(ests['forest'], os.path.join(folder, 'forest.onnx'), 'diabetes_forest')
    c.export_torch(ests['mlp']['net'], 4, os.path.join(folder, 'mlp.onnx'), 'x', 'y', opset=13)
    io = {'linear': ('linear.onnx', 'float_input', 'variable', 'value'),
          'forest': ('forest.onnx', 'float_input', 'variable', 'value'),
          'mlp': ('mlp.onnx', 'x', 'y', 'value')}
    names = list(ests)
    print(f'{case}: onnxruntime-node vs scikit-learn / PyTorch (relative)')
    app, diffs = [], {}
    for n, (raw, _) in member_outputs(folder, io, sel, Xh).items():
        got = raw[:, 0].astype(np.float64)
        diffs[n] = c.check_close(n, got, ests[n].predict(Xh), REG_TOL, relative=True)
        app.append(got)
    REPORT[case] = diffs
    weights = [1, 1, 1]
    ens = weighted(app, weights)
    members = [cs.member(n, file, {inp: groups[n]}, output=out, kind=kind) for n, (file, inp, out, kind) in io.items()]
    c.write_json(os.path.join(folder, 'ensemble.json'),
                 c.spec('diabetes progression, three members', 'regression', members, {'method': 'mean'}))

    def loss(p):
        return mean_squared_error(yh, p, squared=False)
    greedy = greedy_search(case, names, app, [ests[n].predict(Xh) for n in names], loss)
    stack = StackingRegressor(estimators=[(n, ests[n]) for n in names], final_estimator=Ridge(alpha=1.0),
                              cv='prefit').fit(Xh, yh)
    sp = stack.predict(Xs)
    e = {
        'spec': 'ensemble.json', 'holdout': 'holdout.csv', 'score': 'score.csv',
        'task': 'regression', 'classes': None, 'label': 'progression',
        'reference': 'Pipeline(column subset, StandardScaler, LinearRegression), Pipeline(column subset, '
                     'RandomForestRegressor), Pipeline(column subset, PyTorch MLP regressor); mean, equal weights',
        'holdoutRows': int(len(yh)), 'scoreRows': int(len(ys)),
        'max_rel_diff_onnxruntime_vs_sklearn': diffs,
        'metrics': {'ensemble': regression_metrics(yh, ens),
                    'members': {n: regression_metrics(yh, p) for n, p in zip(names, app)}},
        'diversity': {'names': names, **diversity(app, None)},
        'greedy': greedy_entry(names, 'rmse', greedy),
        'stacking': {
            'reference': "StackingRegressor(estimators=[...fitted members], final_estimator=Ridge(alpha=1.0), "
                         "cv='prefit').fit(holdout) → predict(score.csv)",
            'coef': c.floats(stack.final_estimator_.coef_), 'intercept': float(stack.final_estimator_.intercept_),
            'prediction': c.floats(sp),
        },
    }
    c.write_json(os.path.join(folder, 'expected.json'), e)


CASES = {'binary': binary, 'multiclass-strings': multiclass, 'regression': regression}


def main():
    cs.run_cases(OUT, CASES, REPORT, 'max |ORT - sklearn| per member (regression: relative):')


if __name__ == '__main__':
    main()
