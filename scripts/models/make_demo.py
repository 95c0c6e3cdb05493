"""Generates the demo in resources/demo/: the Breast Cancer Wisconsin (Diagnostic) data set,
four fitted models of different kinds, an ensemble spec and reference outputs.

    /usr/bin/python3 scripts/models/make_demo.py

Models (fitted on a stratified 70 % train split, random_state=0):
  models/logreg.onnx   Pipeline(StandardScaler, LogisticRegression), skl2onnx-shaped, ZipMap int64 labels
  models/forest.onnx   RandomForestClassifier(40 trees, max_depth 8) on 10 columns, TreeEnsembleClassifier + ZipMap
  models/mlp.onnx      PyTorch MLP 30→32→2 with standardisation inside and a final Softmax (torch.onnx.export)
  models/gboost.onnx   GradientBoostingClassifier on 12 columns, TreeEnsembleClassifier with base_values and
                       post_transform LOGISTIC (the shape of converted XGBoost / GBM binary models) + ZipMap
expected.json holds, for every row of breast_cancer.csv, each member's probabilities from scikit-learn /
PyTorch and the soft vote from scikit-learn's VotingClassifier(voting='soft', weights=[2, 1, 1, 1]).
"""

import os

import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier, VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

import cases as cs
import common as c

OUT = os.path.join(c.REPO, 'resources', 'demo')
SEED = 0
# The forest's own seed: with 40 trees some seeds leave a row at exactly 20 votes to 20.
FOREST_SEED = 5

FOREST_COLUMNS = [
    'mean radius', 'mean texture', 'mean concavity', 'mean concave points', 'worst radius',
    'worst texture', 'worst perimeter', 'worst area', 'worst smoothness', 'worst concave points',
]
GBOOST_COLUMNS = [
    'mean perimeter', 'mean area', 'mean smoothness', 'mean compactness', 'mean symmetry', 'radius error',
    'area error', 'concavity error', 'worst compactness', 'worst concavity', 'worst symmetry',
    'worst fractal dimension',
]
WEIGHTS = {'logreg': 2, 'forest': 1, 'mlp': 1, 'gboost': 1}


def main():
    data = load_breast_cancer()
    columns = list(data.feature_names)
    df = pd.DataFrame(data.data, columns=columns)
    df['diagnosis'] = data.target.astype(np.int64)
    idx_train, idx_hold = train_test_split(
        np.arange(len(df)), test_size=0.3, random_state=SEED, stratify=df['diagnosis'])
    c.write_csv(df, os.path.join(OUT, 'breast_cancer.csv'))
    c.write_csv(df.iloc[np.sort(idx_hold)], os.path.join(OUT, 'breast_cancer_holdout.csv'))
    # Everything below reads the files back, so the references see exactly what the app reads.
    full = pd.read_csv(os.path.join(OUT, 'breast_cancer.csv'))
    X = full[columns].to_numpy(np.float64)
    y = full['diagnosis'].to_numpy()
    X_train, y_train = X[idx_train], y[idx_train]
    pos = {name: i for i, name in enumerate(columns)}

    estimators = [
        ('logreg', Pipeline([('scaler', StandardScaler()), ('lr', LogisticRegression(max_iter=1000))])),
        ('forest', Pipeline([('select', c.ColumnSelector([pos[n] for n in FOREST_COLUMNS])),
                             ('rf', RandomForestClassifier(n_estimators=40, max_depth=8, random_state=FOREST_SEED))])),
        ('mlp', c.TorchMLPClassifier(hidden=32, head='softmax', epochs=300, lr=0.01, seed=SEED)),
        ('gboost', Pipeline([('select', c.ColumnSelector([pos[n] for n in GBOOST_COLUMNS])),
                             ('gb', GradientBoostingClassifier(n_estimators=60, max_depth=3, learning_rate=0.1,
                                                               random_state=SEED))])),
    ]
    vc = VotingClassifier(estimators, voting='soft', weights=[WEIGHTS[n] for n, _ in estimators])
    vc.fit(X_train, y_train)
    fitted = dict(zip([n for n, _ in estimators], vc.estimators_))
    classes = [int(v) for v in vc.classes_]  # [0, 1]
    models = os.path.join(OUT, 'models')

    cs.save_pipeline_onnx(fitted['logreg'], os.path.join(models, 'logreg.onnx'), 'breast_cancer_logreg', classes)
    cs.save_pipeline_onnx(fitted['forest'], os.path.join(models, 'forest.onnx'), 'breast_cancer_forest', classes)
    c.export_torch(fitted['mlp'], 30, os.path.join(models, 'mlp.onnx'), 'features', 'probabilities', opset=13)
    cs.save_pipeline_onnx(fitted['gboost'], os.path.join(models, 'gboost.onnx'), 'breast_cancer_gboost', classes,
                          x_init=X_train[:, [pos[n] for n in GBOOST_COLUMNS]])

    members = [
        cs.member('logreg', 'models/logreg.onnx', {'float_input': columns}, WEIGHTS['logreg'],
                  'output_probability', 'probabilities'),
        cs.member('forest', 'models/forest.onnx', {'float_input': FOREST_COLUMNS}, WEIGHTS['forest'],
                  'output_probability', 'probabilities'),
        cs.member('mlp', 'models/mlp.onnx', {'features': columns}, WEIGHTS['mlp'], 'probabilities', 'probabilities',
                  ['0', '1']),
        cs.member('gboost', 'models/gboost.onnx', {'float_input': GBOOST_COLUMNS}, WEIGHTS['gboost'],
                  'output_probability', 'probabilities'),
    ]
    spec = c.spec('breast cancer blend', 'classification', members, {'method': 'soft_vote'}, classes=['0', '1'],
                  description='Demo: a scikit-learn logistic regression, a random forest and a gradient-boosted '
                              'model (converter-shaped ONNX) and a PyTorch MLP, soft-voted. Data: Breast Cancer '
                              'Wisconsin (Diagnostic), UCI, CC BY 4.0; diagnosis 0 = malignant, 1 = benign.')
    c.write_json(os.path.join(OUT, 'demo.ensemble.json'), spec)

    print('checking the demo models with onnxruntime-node against scikit-learn / PyTorch:')
    x32 = X.astype(np.float32)
    diffs = cs.check_classifier_members('demo', models, {
        'logreg': cs.converted(fitted['logreg'], 'logreg.onnx', x32),
        'forest': cs.converted(fitted['forest'], 'forest.onnx', full[FOREST_COLUMNS].to_numpy(np.float32)),
        'mlp': (fitted['mlp'], 'mlp.onnx', {'features': x32}, 'probabilities', 'proba'),
        'gboost': cs.converted(fitted['gboost'], 'gboost.onnx', full[GBOOST_COLUMNS].to_numpy(np.float32)),
    }, X, 1e-5)
    labels = [str(cl) for cl in classes]
    expected = {
        'spec': 'demo.ensemble.json',
        'data': 'breast_cancer.csv',
        'rows': int(len(X)),
        'classes': ['0', '1'],
        'reference': "scikit-learn 1.2 VotingClassifier(voting='soft', weights=[2, 1, 1, 1]) over the fitted "
                     'estimators (the PyTorch MLP wrapped as a scikit-learn estimator); member columns are each '
                     "estimator's predict_proba (PyTorch: the network's float32 forward pass).",
        'tolerance': {'proba': 1e-5},
        'max_abs_diff_onnxruntime_vs_reference': diffs,
        'output': cs.soft_vote_output('', vc, X, labels, fitted),
    }
    proba = vc.predict_proba(X)
    assert [str(v) for v in vc.predict(X)] == [labels[k] for k in np.argmax(proba, axis=1)]
    c.write_json(os.path.join(OUT, 'expected.json'), expected)
    acc = {name: float((np.argmax(est.predict_proba(X[np.sort(idx_hold)]), 1) == y[np.sort(idx_hold)]).mean())
           for name, est in fitted.items()}
    acc['ensemble'] = float((vc.predict(X[np.sort(idx_hold)]) == y[np.sort(idx_hold)]).mean())
    print('hold-out accuracy:', {k: round(v, 4) for k, v in acc.items()})


if __name__ == '__main__':
    main()
