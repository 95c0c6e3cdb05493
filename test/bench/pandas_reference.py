"""The script an analyst would write instead of the tool, for the benchmark's side-by-side timing.

    /usr/bin/python3 test/bench/pandas_reference.py fit            # once: fits the reference models
    /usr/bin/python3 test/bench/pandas_reference.py score IN.csv OUT.csv

`fit` trains the demo's three reference members on the demo data exactly as scripts/models/make_demo.py
does (StandardScaler + LogisticRegression, a 40-tree RandomForest of depth 8 on 10 columns, the PyTorch
MLP 30→32→2) and pickles them into .bench/. `score` is the timed part: load the pickled models, read the
CSV with pandas, predict each member, soft-vote with the demo's weights (2:1:1), write the ensemble's prediction
and probabilities to CSV with pandas (the tool's default output columns). Debian's python3-sklearn, python3-torch and
python3-pandas; nothing in the tests runs it.
"""
import os
import pickle
import sys

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(REPO, 'scripts', 'models'))
MODELS = os.path.join(REPO, '.bench', 'pandas-reference.pkl')
WEIGHTS = {'logreg': 2.0, 'forest': 1.0, 'mlp': 1.0}


def fit():
    import make_demo  # noqa: F401  (the demo's seeds and column lists)
    import common as c
    from sklearn.datasets import load_breast_cancer
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    data = load_breast_cancer()
    X, y = data.data, data.target
    idx_train, _ = train_test_split(np.arange(len(y)), test_size=0.3, random_state=make_demo.SEED, stratify=y)
    pos = {name: i for i, name in enumerate(data.feature_names)}
    models = {
        'logreg': Pipeline([('scaler', StandardScaler()), ('lr', LogisticRegression(max_iter=1000))]),
        'forest': Pipeline([('select', c.ColumnSelector([pos[n] for n in make_demo.FOREST_COLUMNS])),
                            ('rf', RandomForestClassifier(n_estimators=40, max_depth=8,
                                                          random_state=make_demo.FOREST_SEED))]),
        'mlp': c.TorchMLPClassifier(hidden=32, head='softmax', epochs=300, lr=0.01, seed=make_demo.SEED),
    }
    for model in models.values():
        model.fit(X[idx_train], y[idx_train])
    os.makedirs(os.path.dirname(MODELS), exist_ok=True)
    with open(MODELS, 'wb') as f:
        pickle.dump({'columns': list(data.feature_names), 'models': models}, f)
    print(f'reference models → {MODELS}')


def score(source, target):
    import common  # noqa: F401  (the pickled MLP's class lives there)
    with open(MODELS, 'rb') as f:
        saved = pickle.load(f)
    frame = pd.read_csv(source)
    X = frame[saved['columns']].to_numpy(np.float64)
    out = pd.DataFrame(index=frame.index)
    total = sum(WEIGHTS.values())
    vote = np.zeros((len(frame), 2))
    for name, model in saved['models'].items():
        vote += WEIGHTS[name] / total * model.predict_proba(X)
    out['prediction'] = np.argmax(vote, axis=1)
    out['prob_0'] = vote[:, 0]
    out['prob_1'] = vote[:, 1]
    out.to_csv(target, index=False)


if __name__ == '__main__':
    if sys.argv[1:2] == ['fit']:
        fit()
    elif sys.argv[1:2] == ['score'] and len(sys.argv) == 4:
        score(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
