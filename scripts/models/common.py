"""Shared pieces of the model generators in this folder.

- ONNX graphs built with onnx.helper in the exact shape that skl2onnx 1.13 emits for the same
  scikit-learn estimators (skl2onnx itself is not packaged by Debian): same operators of
  ai.onnx.ml, same attributes, same tensor names (float_input, variable, label,
  probability_tensor, probabilities, output_label, output_probability) and opset imports.
- Small PyTorch networks wrapped as scikit-learn estimators, so that VotingClassifier /
  VotingRegressor compute the reference ensembles themselves, then exported with
  torch.onnx.export.
- A check that runs every model with onnxruntime-node (ort_run.mjs) and compares it with
  scikit-learn / PyTorch row by row before any expected value is written.

Run with Debian's Python (/usr/bin/python3): python3-sklearn, python3-torch, python3-onnx,
python3-pandas, python3-numpy. Everything is seeded; outputs are byte-for-byte deterministic.
"""

import json
import os
import subprocess
import tempfile

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin, TransformerMixin

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
ML = 'ai.onnx.ml'
PRODUCER = 'ensemble-studio scripts/models'
PRODUCER_VERSION = '1'
# skl2onnx picks the IR version from the opset (onnx.helper.VERSION_TABLE).
IR_FOR_OPSET = {13: 7, 14: 7, 15: 8}

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)


# --------------------------------------------------------------------------------------------
# ONNX building blocks (skl2onnx-shaped)
# --------------------------------------------------------------------------------------------


def _zipmap_type(int_labels):
    value = helper.make_tensor_type_proto(TensorProto.FLOAT, None)
    t = onnx.TypeProto()
    t.map_type.key_type = TensorProto.INT64 if int_labels else TensorProto.STRING
    t.map_type.value_type.CopyFrom(value)
    return helper.make_sequence_type_proto(t)


def _make_model(nodes, inputs, outputs, graph_name, doc, opset=15, ml_opset=1, initializers=()):
    graph = helper.make_graph(nodes, graph_name, inputs, outputs, initializer=list(initializers))
    opsets = [helper.make_opsetid('', opset)]
    if any(n.domain == ML for n in nodes):
        opsets.append(helper.make_opsetid(ML, ml_opset))
    model = helper.make_model(
        graph,
        opset_imports=opsets,
        producer_name=PRODUCER,
        producer_version=PRODUCER_VERSION,
        domain='ai.onnx',
        model_version=0,
        doc_string=doc,
    )
    model.ir_version = IR_FOR_OPSET[opset]
    onnx.checker.check_model(model)
    return model


def _classifier_tail(nodes, classes, prob_name):
    """Label output and ZipMap exactly as skl2onnx appends them to a classifier."""
    int_labels = all(isinstance(c, (int, np.integer)) for c in classes)
    if int_labels:
        nodes.append(helper.make_node('Cast', ['label'], ['output_label'], name='Cast', to=TensorProto.INT64))
        nodes.append(
            helper.make_node(
                'ZipMap', [prob_name], ['output_probability'], name='ZipMap', domain=ML,
                classlabels_int64s=[int(c) for c in classes],
            )
        )
        label_vi = helper.make_tensor_value_info('output_label', TensorProto.INT64, [None])
    else:
        nodes.append(helper.make_node('Identity', ['label'], ['output_label'], name='Identity'))
        nodes.append(
            helper.make_node(
                'ZipMap', [prob_name], ['output_probability'], name='ZipMap', domain=ML,
                classlabels_strings=[str(c) for c in classes],
            )
        )
        label_vi = helper.make_tensor_value_info('output_label', TensorProto.STRING, [None])
    prob_vi = helper.make_value_info('output_probability', _zipmap_type(int_labels))
    return [label_vi, prob_vi]


def _labels_attr(classes, int_suffix='int64s'):
    """LinearClassifier spells it classlabels_ints, the tree ensembles classlabels_int64s."""
    if all(isinstance(c, (int, np.integer)) for c in classes):
        return int_suffix, [int(c) for c in classes]
    return 'strings', [str(c) for c in classes]


def scaler_node(scaler, input_name, output_name='variable'):
    """StandardScaler → ai.onnx.ml Scaler: y = (x - offset) * scale."""
    return helper.make_node(
        'Scaler', [input_name], [output_name], name='Scaler', domain=ML,
        offset=[float(v) for v in scaler.mean_], scale=[float(1.0 / v) for v in scaler.scale_],
    )


def float_input(n_features, name='float_input'):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, [None, n_features])


def logistic_regression_onnx(scaler, lr, classes, n_features, graph_name, opset=15, inputs=None, pre_nodes=()):
    """Pipeline(StandardScaler, LogisticRegression) as skl2onnx converts it.

    Binary: LinearClassifier with both rows (-w, w) and intercepts (-b, b), multi_class=0,
    post_transform LOGISTIC, then Normalizer(L1). Multinomial: post_transform SOFTMAX.
    `inputs`/`pre_nodes` replace the default `float_input` (e.g. one double input per column).
    """
    nodes = list(pre_nodes)
    nodes.append(scaler_node(scaler, nodes[-1].output[0] if pre_nodes else 'float_input'))
    coef = np.asarray(lr.coef_, dtype=np.float64)
    intercept = np.asarray(lr.intercept_, dtype=np.float64)
    kind, labels = _labels_attr(classes, 'ints')
    if len(classes) == 2:
        coef = np.vstack([-coef, coef])
        intercept = np.concatenate([-intercept, intercept])
        post, multi = 'LOGISTIC', 0
    else:
        post, multi = 'SOFTMAX', 1
    nodes.append(
        helper.make_node(
            'LinearClassifier', ['variable'], ['label', 'probability_tensor'], name='LinearClassifier', domain=ML,
            coefficients=[float(v) for v in coef.ravel()], intercepts=[float(v) for v in intercept],
            multi_class=multi, post_transform=post, **{f'classlabels_{kind}': labels},
        )
    )
    nodes.append(helper.make_node('Normalizer', ['probability_tensor'], ['probabilities'], name='Normalizer',
                                  domain=ML, norm='L1'))
    outputs = _classifier_tail(nodes, classes, 'probabilities')
    doc = 'Pipeline(StandardScaler, LogisticRegression) in the shape skl2onnx emits (built with onnx.helper).'
    return _make_model(nodes, inputs or [float_input(n_features)], outputs, graph_name, doc, opset)


def linear_regression_onnx(scaler, lr, n_features, graph_name, opset=15):
    nodes = [
        scaler_node(scaler, 'float_input'),
        helper.make_node('LinearRegressor', ['variable'], ['variable1'], name='LinearRegressor', domain=ML,
                         coefficients=[float(v) for v in np.ravel(lr.coef_)],
                         intercepts=[float(np.ravel([lr.intercept_])[0])]),
    ]
    # skl2onnx names the regression output `variable`; the scaler output is renamed to keep names unique.
    nodes[0].output[0] = 'scaled'
    nodes[1].input[0] = 'scaled'
    nodes[1].output[0] = 'variable'
    outputs = [helper.make_tensor_value_info('variable', TensorProto.FLOAT, [None, 1])]
    doc = 'Pipeline(StandardScaler, LinearRegression) in the shape skl2onnx emits (built with onnx.helper).'
    return _make_model(nodes, [float_input(n_features)], outputs, graph_name, doc, opset)


def sklearn_threshold(t):
    """The largest float32 <= t, as skl2onnx stores BRANCH_LEQ thresholds: scikit-learn compares
    float32(x) <= float64 threshold, and x32 <= t holds exactly when x32 <= floor32(t); rounding to
    the nearest float32 instead would send values between t and round32(t) the other way."""
    f = np.float32(t)
    if float(f) > t:
        f = np.nextafter(f, np.float32(-np.inf), dtype=np.float32)
    return float(f)


def _tree_nodes(trees):
    a = {k: [] for k in ('nodes_treeids', 'nodes_nodeids', 'nodes_featureids', 'nodes_modes', 'nodes_values',
                         'nodes_truenodeids', 'nodes_falsenodeids', 'nodes_hitrates',
                         'nodes_missing_value_tracks_true')}
    for tree_id, t in enumerate(trees):
        for i in range(t.node_count):
            leaf = t.children_left[i] == t.children_right[i]
            a['nodes_treeids'].append(tree_id)
            a['nodes_nodeids'].append(i)
            a['nodes_featureids'].append(0 if leaf else int(t.feature[i]))
            a['nodes_modes'].append('LEAF' if leaf else 'BRANCH_LEQ')
            a['nodes_values'].append(0.0 if leaf else sklearn_threshold(t.threshold[i]))
            a['nodes_truenodeids'].append(0 if leaf else int(t.children_left[i]))
            a['nodes_falsenodeids'].append(0 if leaf else int(t.children_right[i]))
            a['nodes_hitrates'].append(1.0)
            a['nodes_missing_value_tracks_true'].append(0)
    return a


def _leaves(trees):
    """(tree id, node id, tree) of every leaf, tree by tree and in node order."""
    for tree_id, t in enumerate(trees):
        for i in range(t.node_count):
            if t.children_left[i] == t.children_right[i]:
                yield tree_id, i, t


def _leaf_weights(prefix, entries):
    """The four `<prefix>_treeids/_nodeids/_ids/_weights` attributes of a tree ensemble (prefix `class`
    or `target`) from (tree id, node id, class or target id, weight) entries."""
    a = {f'{prefix}_{k}': [] for k in ('treeids', 'nodeids', 'ids', 'weights')}
    for tree_id, node_id, out_id, weight in entries:
        a[f'{prefix}_treeids'].append(tree_id)
        a[f'{prefix}_nodeids'].append(node_id)
        a[f'{prefix}_ids'].append(out_id)
        a[f'{prefix}_weights'].append(weight)
    return a


def _tree_classifier_onnx(trees, class_weights, classes, n_features, graph_name, doc, opset, **extra):
    """TreeEnsembleClassifier over `trees` (leaf weights given by `class_weights` entries) + label
    output and ZipMap; `extra` holds post_transform and, for boosting, base_values."""
    kind, labels = _labels_attr(classes)
    nodes = [helper.make_node('TreeEnsembleClassifier', ['float_input'], ['label', 'probabilities'],
                              name='TreeEnsembleClassifier', domain=ML, **extra, **_tree_nodes(trees),
                              **_leaf_weights('class', class_weights), **{f'classlabels_{kind}': labels})]
    outputs = _classifier_tail(nodes, classes, 'probabilities')
    return _make_model(nodes, [float_input(n_features)], outputs, graph_name, doc, opset)


def forest_classifier_onnx(forest, classes, n_features, graph_name, opset=15):
    """RandomForestClassifier → TreeEnsembleClassifier (leaf class shares / n_trees) + ZipMap."""
    trees = [e.tree_ for e in forest.estimators_]

    def weights():
        for tree_id, i, t in _leaves(trees):
            value = t.value[i][0]
            share = value / value.sum()
            for k, w in enumerate(share):
                yield tree_id, i, k, float(w / len(trees))
    doc = f'{type(forest).__name__} in the shape skl2onnx emits (built with onnx.helper).'
    return _tree_classifier_onnx(trees, weights(), classes, n_features, graph_name, doc, opset,
                                 post_transform='NONE')


def gradient_boosting_onnx(gb, classes, n_features, graph_name, x_init, opset=15):
    """Binary GradientBoostingClassifier → TreeEnsembleClassifier with base_values, one weight per
    leaf for class id 0 scaled by the learning rate, post_transform LOGISTIC (as skl2onnx; the
    same shape onnxmltools gives XGBoost binary models) + ZipMap."""
    assert len(classes) == 2
    trees = [e.tree_ for e in gb.estimators_[:, 0]]
    weights = [(tree_id, i, 0, float(t.value[i][0][0] * gb.learning_rate)) for tree_id, i, t in _leaves(trees)]
    base = float(gb._raw_predict_init(x_init[:1])[0, 0])
    doc = 'GradientBoostingClassifier in the shape skl2onnx emits (built with onnx.helper).'
    return _tree_classifier_onnx(trees, weights, classes, n_features, graph_name, doc, opset,
                                 post_transform='LOGISTIC', base_values=[base])


def forest_regressor_onnx(forest, n_features, graph_name, opset=15):
    """RandomForestRegressor → TreeEnsembleRegressor (leaf value / n_trees, summed)."""
    trees = [e.tree_ for e in forest.estimators_]
    weights = [(tree_id, i, 0, float(t.value[i][0][0] / len(trees))) for tree_id, i, t in _leaves(trees)]
    nodes = [helper.make_node('TreeEnsembleRegressor', ['float_input'], ['variable'], name='TreeEnsembleRegressor',
                              domain=ML, n_targets=1, post_transform='NONE', aggregate_function='SUM',
                              **_tree_nodes(trees), **_leaf_weights('target', weights))]
    outputs = [helper.make_tensor_value_info('variable', TensorProto.FLOAT, [None, 1])]
    doc = f'{type(forest).__name__} in the shape skl2onnx emits (built with onnx.helper).'
    return _make_model(nodes, [float_input(n_features)], outputs, graph_name, doc, opset)


def per_column_double_prefix(columns):
    """One double [None,1] input per column, named after it, concatenated then cast to float —
    what skl2onnx emits for a pipeline converted with one DoubleTensorType per column."""
    inputs = [helper.make_tensor_value_info(c, TensorProto.DOUBLE, [None, 1]) for c in columns]
    nodes = [
        helper.make_node('Concat', list(columns), ['merged_columns'], name='Concat', axis=1),
        helper.make_node('Cast', ['merged_columns'], ['float_input'], name='Cast1', to=TensorProto.FLOAT),
    ]
    return inputs, nodes


def save(model, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(model.SerializeToString())


# --------------------------------------------------------------------------------------------
# scikit-learn helpers
# --------------------------------------------------------------------------------------------


class ColumnSelector(TransformerMixin, BaseEstimator):
    """Feeds an estimator a subset of the columns (by position), as a member's `inputs` does."""

    def __init__(self, columns=None):
        self.columns = columns

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return np.asarray(X)[:, self.columns]


class _Net(torch.nn.Module):
    def __init__(self, mean, std, sizes, head, y_mean=0.0, y_std=1.0):
        super().__init__()
        self.register_buffer('mean', torch.tensor(mean, dtype=torch.float32))
        self.register_buffer('std', torch.tensor(std, dtype=torch.float32))
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers.append(torch.nn.ReLU())
        self.body = torch.nn.Sequential(*layers)
        self.head = head
        self.y_mean = float(y_mean)
        self.y_std = float(y_std)

    def raw(self, x):
        return self.body((x - self.mean) / self.std)

    def forward(self, x):
        z = self.raw(x)
        if self.head == 'softmax':
            return torch.softmax(z, dim=1)
        if self.head == 'sigmoid':
            return torch.sigmoid(z)
        if self.head == 'value':
            return z * self.y_std + self.y_mean
        return z  # logits


def _train(net, X, target, loss_fn, epochs, lr, weight_decay):
    opt = torch.optim.Adam(net.parameters(), lr=lr, weight_decay=weight_decay)
    for _ in range(epochs):
        opt.zero_grad()
        loss = loss_fn(net.raw(X), target)
        loss.backward()
        opt.step()


def softmax(z):
    """Row-wise softmax in float64 (DESIGN.md: logits become probabilities before combining)."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def member_proba(raw, kind):
    """A member's raw output as the app turns it into probabilities (main/ensemble/normalise.ts):
    kind `logits` → softmax, `sigmoid` (one column, P(second class)) → [1 - p, p], else as is."""
    raw = np.asarray(raw, dtype=np.float64)
    if kind == 'logits':
        return softmax(raw)
    if kind == 'sigmoid':
        p = raw.reshape(-1, 1)
        return np.hstack([1.0 - p, p])
    return raw


class _TorchMLP(BaseEstimator):
    """What the PyTorch estimators share: seeded training of a one-hidden-layer _Net with the
    standardisation inside, and the float32 forward pass that the exported ONNX model computes."""

    def __init__(self, hidden=32, epochs=500, lr=0.01, weight_decay=1e-4, seed=0):
        self.hidden = hidden
        self.epochs = epochs
        self.lr = lr
        self.weight_decay = weight_decay
        self.seed = seed

    def _fit_net(self, X, out, head, target, loss, y_mean=0.0, y_std=1.0):
        torch.manual_seed(self.seed)
        self.net_ = _Net(X.mean(0), X.std(0) + 1e-12, [X.shape[1], self.hidden, out], head, y_mean, y_std)
        Xt = torch.tensor(X, dtype=torch.float32)
        _train(self.net_, Xt, target, loss, self.epochs, self.lr, self.weight_decay)
        self.net_.eval()
        return self

    def forward(self, X):
        """The network's own output (float32), what the exported ONNX model returns."""
        with torch.no_grad():
            return self.net_(torch.tensor(np.asarray(X), dtype=torch.float32)).numpy()


class TorchMLPClassifier(ClassifierMixin, _TorchMLP):
    """A small MLP with the standardisation inside the network. head: softmax | logits | sigmoid
    (sigmoid: binary, one output = P(second class))."""

    def __init__(self, hidden=32, head='softmax', epochs=300, lr=0.01, weight_decay=1e-4, seed=0):
        super().__init__(hidden=hidden, epochs=epochs, lr=lr, weight_decay=weight_decay, seed=seed)
        self.head = head

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        self.classes_, yi = np.unique(y, return_inverse=True)
        if self.head == 'sigmoid':
            target = torch.tensor(yi, dtype=torch.float32).reshape(-1, 1)
            return self._fit_net(X, 1, self.head, target, torch.nn.BCEWithLogitsLoss())
        target = torch.tensor(yi, dtype=torch.int64)
        return self._fit_net(X, len(self.classes_), self.head, target, torch.nn.CrossEntropyLoss())

    def predict_proba(self, X):
        return member_proba(self.forward(X), 'proba' if self.head == 'softmax' else self.head)

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class TorchMLPRegressor(RegressorMixin, _TorchMLP):
    """A small MLP regressor (hidden, epochs, lr, weight_decay, seed as in _TorchMLP); the target is
    standardised for training and restored in the network."""

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        target = torch.tensor((y - y.mean()) / y.std(), dtype=torch.float32).reshape(-1, 1)
        return self._fit_net(X, 1, 'value', target, torch.nn.MSELoss(), y.mean(), y.std())

    def predict(self, X):
        return self.forward(X)[:, 0].astype(np.float64)


def export_torch(est, n_features, path, input_name, output_name, opset=13):
    """torch.onnx.export with a dynamic batch dimension."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    dummy = torch.zeros(1, n_features, dtype=torch.float32)
    torch.onnx.export(
        est.net_, dummy, path, input_names=[input_name], output_names=[output_name],
        dynamic_axes={input_name: {0: 'batch'}, output_name: {0: 'batch'}}, opset_version=opset,
        do_constant_folding=True,
    )
    onnx.checker.check_model(onnx.load(path))


# --------------------------------------------------------------------------------------------
# ONNX Runtime check (through onnxruntime-node; Debian has no Python onnxruntime)
# --------------------------------------------------------------------------------------------

_NP = {'float32': np.float32, 'float64': np.float64, 'int64': np.int64}


def without_zipmap(model):
    """Expose the probability tensor that feeds ZipMap, as the app does in memory."""
    m = onnx.ModelProto()
    m.CopyFrom(model)
    zipmaps = [n for n in m.graph.node if n.op_type == 'ZipMap']
    for z in zipmaps:
        m.graph.node.remove(z)
        out = [o for o in m.graph.output if o.name == z.output[0]][0]
        m.graph.output.remove(out)
        m.graph.output.append(helper.make_tensor_value_info(z.input[0], TensorProto.FLOAT, [None, None]))
    return m, {z.output[0]: z.input[0] for z in zipmaps}


def ort_run(model_path, feeds, outputs):
    """Runs a model file with onnxruntime-node. feeds: name → numpy array. ZipMap outputs are read
    from the tensor that feeds them. Returns name → numpy array."""
    model = onnx.load(model_path)
    model, renamed = without_zipmap(model)
    with tempfile.TemporaryDirectory() as d:
        mp = os.path.join(d, 'model.onnx')
        onnx.save(model, mp)
        inputs = []
        for i, (name, arr) in enumerate(feeds.items()):
            arr = np.ascontiguousarray(arr)
            t = {np.dtype(np.float32): 'float32', np.dtype(np.float64): 'float64', np.dtype(np.int64): 'int64'}[arr.dtype]
            arr.tofile(os.path.join(d, f'in{i}.bin'))
            inputs.append({'name': name, 'type': t, 'shape': list(arr.shape), 'file': f'in{i}.bin'})
        wanted = [renamed.get(o, o) for o in outputs]
        manifest = os.path.join(d, 'manifest.json')
        with open(manifest, 'w') as f:
            json.dump({'model': mp, 'inputs': inputs, 'outputs': wanted}, f)
        subprocess.run(['node', os.path.join(REPO, 'scripts', 'models', 'ort_run.mjs'), manifest], cwd=REPO, check=True)
        with open(os.path.join(d, 'outputs.json')) as f:
            described = json.load(f)
        result = {}
        for o, w in zip(outputs, wanted):
            info = described[w]
            path = os.path.join(d, info['file'])
            if info['type'] == 'string':
                with open(path) as f:
                    result[o] = np.array(json.load(f)).reshape(info['dims'])
            else:
                result[o] = np.fromfile(path, dtype=_NP[info['type']]).reshape(info['dims'])
        return result


def check_close(what, got, want, tol, relative=False):
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    assert got.shape == want.shape, f'{what}: shape {got.shape} != {want.shape}'
    diff = np.abs(got - want)
    if relative:
        diff = diff / np.maximum(np.abs(want), 1e-12)
    worst = float(diff.max())
    print(f'  {what}: max {"relative " if relative else ""}|ORT - reference| = {worst:.3g}')
    assert worst <= tol, f'{what}: ONNX Runtime differs from the reference by {worst} > {tol}'
    return worst


def check_margin(what, proba, minimum=1e-4):
    """Refuses references whose top two probabilities (nearly) tie on some row: float32 noise in
    ONNX Runtime could flip the argmax there, and the expected prediction would be a coin toss."""
    s = np.sort(np.asarray(proba, dtype=np.float64), axis=1)
    margin = float((s[:, -1] - s[:, -2]).min())
    assert margin >= minimum, f'{what}: a row has its top two probabilities within {margin} (< {minimum})'
    return margin


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(obj, f, indent=2, allow_nan=False)
        f.write('\n')


def write_csv(df, path):
    """CSV with LF line ends and the shortest round-trip text of every float."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    df.to_csv(path, index=False, lineterminator='\n')


def spec(name, task, members, combiner, classes=None, description=None):
    s = {'format': 'ensemble-studio/ensemble@1', 'name': name}
    if description:
        s['description'] = description
    s['task'] = task
    if classes is not None:
        s['classes'] = [str(c) for c in classes]
    s['members'] = members
    s['combiner'] = combiner
    return s


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]
