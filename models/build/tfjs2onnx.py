#!/usr/bin/python3
"""Converts a TF.js graph model (model.json: a TF GraphDef in JSON + weight manifest and shards) to
ONNX, op by op, with Debian's python3-onnx (onnx.helper). No TensorFlow, no tf2onnx.

Layout: TF.js graphs are NHWC. Tensors stay NHWC in the ONNX graph; each op that ONNX only defines
on NCHW (Conv, pooling, Resize, DepthToSpace) is wrapped in a Transpose pair. ONNX Runtime's
transpose optimizer cancels the adjacent pairs at session start, so the wrapping costs nothing at
run time while keeping the conversion of each op local and simple to check.

Weights keep their compact stored type: float16-quantized weights become float16 initializers
followed by Cast; uint8/uint16-quantized ones become integer initializers followed by
Cast * scale + min (TF.js's affine dequantisation, exactly). ONNX Runtime folds these constant
subgraphs when the session starts.

Integer tensors (TF int32) are int64 in ONNX, the type ONNX shape ops use.

usage: tfjs2onnx.py MODEL.json OUT.onnx --outputs tfname[=onnxname][,...] [--input-shape N,H,W,C]
"""
import argparse
import base64
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
NHWC_TO_NCHW = [0, 3, 1, 2]
NCHW_TO_NHWC = [0, 2, 3, 1]
TF_DTYPES = {'DT_FLOAT': TensorProto.FLOAT, 'DT_INT32': TensorProto.INT64, 'DT_INT64': TensorProto.INT64,
             'DT_BOOL': TensorProto.BOOL}


def read_weights(model_json_path, manifest):
    """Returns {name: (stored numpy array, dequantisation or None)} from the weight shards."""
    base = os.path.dirname(model_json_path)
    out = {}
    for group in manifest:
        data = b''.join(open(os.path.join(base, p), 'rb').read() for p in group['paths'])
        off = 0
        for w in group['weights']:
            shape = [int(s) for s in w['shape']]
            count = int(np.prod(shape)) if shape else 1
            q = w.get('quantization')
            if q:
                qt = {'uint8': np.uint8, 'uint16': np.uint16, 'float16': np.float16}[q['dtype']]
                arr = np.frombuffer(data, dtype=qt, count=count, offset=off).reshape(shape)
                off += count * np.dtype(qt).itemsize
                if q['dtype'] == 'float16':
                    out[w['name']] = (arr, ('f16',))
                else:
                    out[w['name']] = (arr, ('affine', float(q['scale']), float(q['min'])))
            else:
                dt = {'float32': np.float32, 'int32': np.int32, 'bool': np.bool_}[w['dtype']]
                arr = np.frombuffer(data, dtype=dt, count=count, offset=off).reshape(shape)
                off += count * np.dtype(dt).itemsize
                out[w['name']] = (arr, None)
    return out


def attr_list_i(node, key, default=None):
    a = node.get('attr', {}).get(key)
    if a is None:
        return default
    return [int(v) for v in a.get('list', {}).get('i', [])]


def attr_s(node, key, default=None):
    a = node.get('attr', {}).get(key)
    if a is None or 's' not in a:
        return default
    return base64.b64decode(a['s']).decode()


def attr_b(node, key, default=False):
    a = node.get('attr', {}).get(key)
    return default if a is None else bool(a.get('b', False))


def attr_i(node, key, default=0):
    a = node.get('attr', {}).get(key)
    return default if a is None else int(a.get('i', 0))


def attr_f(node, key, default=0.0):
    a = node.get('attr', {}).get(key)
    return default if a is None else float(a.get('f', 0.0))


def attr_strings(node, key):
    a = node.get('attr', {}).get(key)
    if a is None:
        return []
    return [base64.b64decode(s).decode() for s in a.get('list', {}).get('s', [])]


class Converter:
    def __init__(self, model_json_path, outputs, input_shape=None):
        self.j = json.load(open(model_json_path))
        self.topology = self.j['modelTopology']
        self.weights = read_weights(model_json_path, self.j['weightsManifest'])
        self.nodes = {n['name']: n for n in self.topology['node']}
        self.outputs = outputs
        self.input_shape = input_shape
        self.onnx_nodes = []
        self.initializers = []
        self.inputs = []
        self.emitted = {}      # TF tensor name -> ONNX tensor name
        self.counter = 0
        self.const_cache = {}  # name -> float/int numpy (dequantised) for shape-like arguments

    # ---- helpers
    def fresh(self, hint):
        self.counter += 1
        return f'{hint}__{self.counter}'

    def node(self, op, inputs, outputs=None, name_hint='n', **attrs):
        outputs = outputs or [self.fresh(name_hint)]
        self.onnx_nodes.append(helper.make_node(op, inputs, outputs, name=self.fresh(op), **attrs))
        return outputs[0] if len(outputs) == 1 else outputs

    def init(self, name, arr):
        name = self.fresh(name)
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def i64(self, values, hint='c'):
        return self.init(hint, np.asarray(values, dtype=np.int64))

    def f32(self, values, hint='c'):
        return self.init(hint, np.asarray(values, dtype=np.float32))

    def stored(self, tf_name):
        base = tf_name.split(':')[0]
        if base not in self.weights:
            raise KeyError(f'{base}: not a weight')
        return self.weights[base]

    def const_value(self, tf_name):
        """The dequantised value of a Const input (for shape, axis, paddings ... arguments)."""
        arr, q = self.stored(tf_name)
        if q is None:
            return arr
        if q[0] == 'f16':
            return arr.astype(np.float32)
        return arr.astype(np.float32) * np.float32(q[1]) + np.float32(q[2])

    def weight(self, tf_name, transform=None, hint='w'):
        """Emits a weight in its compact stored type plus the ops that dequantise it to float32;
        transform (numpy reshape/transpose only) is applied to the stored array first."""
        arr, q = self.stored(tf_name)
        if transform is not None:
            arr = transform(arr)
        if q is None:
            if arr.dtype == np.int32:
                return self.init(hint, arr.astype(np.int64))
            return self.init(hint, arr)
        if q[0] == 'f16':
            return self.node('Cast', [self.init(hint + '_f16', arr)], to=TensorProto.FLOAT)
        cast = self.node('Cast', [self.init(hint + '_q', arr)], to=TensorProto.FLOAT)
        scaled = self.node('Mul', [cast, self.f32(q[1], 'scale')])
        return self.node('Add', [scaled, self.f32(q[2], 'min')])

    def is_const(self, tf_name):
        n = self.nodes.get(tf_name.split(':')[0])
        return n is not None and n['op'] == 'Const'

    def data_inputs(self, n):
        return [i for i in n.get('input', []) if not i.startswith('^')]

    def value(self, tf_name):
        """The ONNX tensor for a TF tensor name ('node' or 'node:k'), converting on demand."""
        if tf_name.startswith('^'):
            raise ValueError(tf_name)
        key = tf_name if ':' in tf_name else tf_name + ':0'
        if key in self.emitted:
            return self.emitted[key]
        base, idx = key.rsplit(':', 1)
        n = self.nodes[base]
        outs = self.convert(n)
        if not isinstance(outs, list):
            outs = [outs]
        for k, o in enumerate(outs):
            self.emitted[f'{base}:{k}'] = o
        return self.emitted[key]

    def to_nchw(self, x):
        return self.node('Transpose', [x], perm=NHWC_TO_NCHW)

    def to_nhwc(self, x):
        return self.node('Transpose', [x], perm=NCHW_TO_NHWC)

    # ---- ops
    def activation(self, y, ops, n, alpha_input=None, nchw=True):
        for op in ops:
            if op in ('BiasAdd', 'FusedBatchNorm'):
                continue
            if op == 'Relu':
                y = self.node('Relu', [y])
            elif op == 'Relu6':
                y = self.node('Clip', [y, self.f32(0.0), self.f32(6.0)])
            elif op == 'Elu':
                y = self.node('Elu', [y])
            elif op == 'Sigmoid':
                y = self.node('Sigmoid', [y])
            elif op == 'LeakyRelu':
                y = self.node('LeakyRelu', [y], alpha=attr_f(n, 'leakyrelu_alpha', 0.2))
            elif op == 'Prelu':
                c = self.const_value(alpha_input).reshape(-1).shape[0]
                shape = (lambda a: a.reshape(c, 1, 1)) if nchw else (lambda a: a.reshape(c))
                y = self.node('PRelu', [y, self.weight(alpha_input, shape, 'alpha')])
            else:
                raise NotImplementedError(f'{n["name"]}: fused op {op}')
        return y

    def conv_pads(self, n):
        padding = attr_s(n, 'padding', 'VALID')
        if padding == 'SAME':
            return {'auto_pad': 'SAME_UPPER'}
        if padding == 'VALID':
            return {'pads': [0, 0, 0, 0]}
        if padding == 'EXPLICIT':
            e = attr_list_i(n, 'explicit_paddings')  # NHWC pairs
            return {'pads': [e[2], e[4], e[3], e[5]]}
        raise NotImplementedError(padding)

    def conv(self, n, depthwise):
        if attr_s(n, 'data_format', 'NHWC') != 'NHWC':
            raise NotImplementedError('data_format')
        ins = self.data_inputs(n)
        strides = attr_list_i(n, 'strides', [1, 1, 1, 1])
        dil = attr_list_i(n, 'dilations', [1, 1, 1, 1]) or [1, 1, 1, 1]
        x = self.to_nchw(self.value(ins[0]))
        fshape = self.stored(ins[1])[0].shape
        if depthwise:
            kh, kw, cin, mult = fshape
            w = self.weight(ins[1], lambda a: a.reshape(kh, kw, cin * mult).transpose(2, 0, 1).reshape(cin * mult, 1, kh, kw), 'dw')
            group = cin
        else:
            w = self.weight(ins[1], lambda a: a.transpose(3, 2, 0, 1), 'w')
            group = 1
        conv_in = [x, w]
        ops = attr_strings(n, 'fused_ops')
        if 'BiasAdd' in ops:
            conv_in.append(self.weight(ins[2], lambda a: a.reshape(-1), 'b'))
        y = self.node('Conv', conv_in, strides=strides[1:3], dilations=dil[1:3], group=group,
                      kernel_shape=[int(fshape[0]), int(fshape[1])], **self.conv_pads(n))
        y = self.activation(y, ops, n, ins[3] if len(ins) > 3 else None)
        return self.to_nhwc(y)

    def conv_transpose(self, n):
        sizes_in, filt, xin = self.data_inputs(n)
        out_size = [int(v) for v in self.const_value(sizes_in)]
        s = attr_list_i(n, 'strides', [1, 1, 1, 1])[1:3]
        kh, kw, cout, cin = self.stored(filt)[0].shape
        w = self.weight(filt, lambda a: a.transpose(3, 2, 0, 1), 'wt')
        pads_b, pads_e, out_pad = [], [], []
        for d, (o, k, st) in enumerate(zip(out_size[1:3], (kh, kw), s)):
            if attr_s(n, 'padding') == 'SAME':
                i = -(-o // st)
            else:
                i = (o - k) // st + 1
            total = (i - 1) * st + k - o
            if total >= 0:
                pads_b.append(total // 2); pads_e.append(total - total // 2); out_pad.append(0)
            else:
                pads_b.append(0); pads_e.append(0); out_pad.append(-total)
        y = self.node('ConvTranspose', [self.to_nchw(self.value(xin)), w], strides=s, kernel_shape=[int(kh), int(kw)],
                      pads=pads_b + pads_e, output_padding=out_pad)
        return self.to_nhwc(y)

    def pool(self, n, op):
        k = attr_list_i(n, 'ksize')[1:3]
        s = attr_list_i(n, 'strides')[1:3]
        extra = {'count_include_pad': 0} if op == 'AveragePool' else {}
        padding = {'auto_pad': 'SAME_UPPER'} if attr_s(n, 'padding') == 'SAME' else {'pads': [0, 0, 0, 0]}
        y = self.node(op, [self.to_nchw(self.value(self.data_inputs(n)[0]))], kernel_shape=k, strides=s, **padding, **extra)
        return self.to_nhwc(y)

    def resize(self, n, mode):
        x, size = self.data_inputs(n)
        h, w = [int(v) for v in self.const_value(size)]
        if attr_b(n, 'align_corners'):
            ctm = 'align_corners'
        elif attr_b(n, 'half_pixel_centers'):
            ctm = 'half_pixel' if mode == 'linear' else 'tf_half_pixel_for_nn'
        else:
            ctm = 'asymmetric'
        xc = self.to_nchw(self.value(x))
        shape = self.node('Shape', [xc])
        nc = self.node('Slice', [shape, self.i64([0]), self.i64([2])])
        sizes = self.node('Concat', [nc, self.i64([h, w])], axis=0)
        extra = {'nearest_mode': 'floor' if ctm == 'asymmetric' else 'round_prefer_ceil'} if mode == 'nearest' else {}
        y = self.node('Resize', [xc, '', '', sizes], mode=mode, coordinate_transformation_mode=ctm, **extra)
        return self.to_nhwc(y)

    def matmul(self, n):
        ins = self.data_inputs(n)
        a, b = self.value(ins[0]), self.value(ins[1])
        ops = attr_strings(n, 'fused_ops')
        args = [a, b]
        if 'BiasAdd' in ops:
            args.append(self.value(ins[2]))
        y = self.node('Gemm', args, transA=int(attr_b(n, 'transpose_a')), transB=int(attr_b(n, 'transpose_b')))
        return self.activation(y, ops, n, ins[3] if len(ins) > 3 else None, nchw=False)

    def strided_slice(self, n):
        x, b, e, s = self.data_inputs(n)
        begin = [int(v) for v in self.const_value(b)]
        end = [int(v) for v in self.const_value(e)]
        step = [int(v) for v in self.const_value(s)]
        if attr_i(n, 'ellipsis_mask') or attr_i(n, 'new_axis_mask'):
            raise NotImplementedError(f'{n["name"]}: ellipsis/new axis mask')
        bm, em, sm = attr_i(n, 'begin_mask'), attr_i(n, 'end_mask'), attr_i(n, 'shrink_axis_mask')
        big = np.iinfo(np.int64).max
        starts, ends, squeeze = [], [], []
        for d in range(len(begin)):
            st = step[d]
            starts.append((0 if st > 0 else -1) if bm >> d & 1 else begin[d])
            if sm >> d & 1:
                ends.append(begin[d] + 1 if begin[d] != -1 else big)
                squeeze.append(d)
            elif em >> d & 1:
                ends.append(big if st > 0 else -big)
            else:
                ends.append(end[d])
        y = self.node('Slice', [self.value(x), self.i64(starts), self.i64(ends), self.i64(list(range(len(begin)))), self.i64(step)])
        if squeeze:
            y = self.node('Squeeze', [y, self.i64(squeeze)])
        return y

    def convert(self, n):
        op = n['op']
        ins = self.data_inputs(n)
        v = self.value
        binary = {'AddV2': 'Add', 'Add': 'Add', 'Sub': 'Sub', 'Mul': 'Mul', 'RealDiv': 'Div', 'Minimum': 'Min',
                  'Maximum': 'Max', 'Equal': 'Equal', 'Greater': 'Greater', 'Less': 'Less'}
        unary = {'Relu': 'Relu', 'Sigmoid': 'Sigmoid', 'Identity': 'Identity', 'Exp': 'Exp', 'Tanh': 'Tanh',
                 'Sqrt': 'Sqrt', 'Rsqrt': None, 'Neg': 'Neg', 'Abs': 'Abs', 'Floor': 'Floor'}
        if op == 'Const':
            return self.weight(n['name'], hint=n['name'].replace('/', '_')[-40:])
        if op == 'Placeholder':
            shape = [int(d.get('size', -1)) for d in n['attr']['shape']['shape'].get('dim', [])]
            if self.input_shape:
                shape = self.input_shape
            dims = ['N' if s < 0 else s for s in shape]
            self.inputs.append(helper.make_tensor_value_info(n['name'], TF_DTYPES[n['attr']['dtype']['type']], dims))
            return n['name']
        if op in binary:
            return self.node(binary[op], [v(ins[0]), v(ins[1])])
        if op in unary and unary[op]:
            return self.node(unary[op], [v(ins[0])])
        if op == 'Relu6':
            return self.node('Clip', [v(ins[0]), self.f32(0.0), self.f32(6.0)])
        if op == 'Prelu':
            return self.node('PRelu', [v(ins[0]), v(ins[1])])
        if op == 'Softmax':
            return self.node('Softmax', [v(ins[0])], axis=-1)
        if op == 'AddN':
            return self.node('Sum', [v(i) for i in ins])
        if op in ('_FusedConv2D', 'Conv2D'):
            return self.conv(n, depthwise=False)
        if op in ('FusedDepthwiseConv2dNative', 'DepthwiseConv2dNative'):
            return self.conv(n, depthwise=True)
        if op == 'Conv2DBackpropInput':
            return self.conv_transpose(n)
        if op == 'BiasAdd':
            return self.node('Add', [v(ins[0]), v(ins[1])])
        if op == 'MaxPool':
            return self.pool(n, 'MaxPool')
        if op == 'AvgPool':
            return self.pool(n, 'AveragePool')
        if op == 'ResizeBilinear':
            return self.resize(n, 'linear')
        if op == 'ResizeNearestNeighbor':
            return self.resize(n, 'nearest')
        if op == 'DepthToSpace':
            y = self.node('DepthToSpace', [self.to_nchw(v(ins[0]))], blocksize=attr_i(n, 'block_size'), mode='DCR')
            return self.to_nhwc(y)
        if op in ('Pad', 'PadV2', 'MirrorPad'):
            p = self.const_value(ins[1]).astype(np.int64)
            args = [v(ins[0]), self.i64(list(p[:, 0]) + list(p[:, 1]))]
            if op == 'PadV2':
                args.append(v(ins[2]))
            mode = {'Pad': 'constant', 'PadV2': 'constant'}.get(op, attr_s(n, 'mode', 'REFLECT').lower())
            return self.node('Pad', args, mode=mode)
        if op == 'Reshape':
            shape = self.i64(self.const_value(ins[1])) if self.is_const(ins[1]) else v(ins[1])
            return self.node('Reshape', [v(ins[0]), shape])
        if op == 'Squeeze':
            axes = attr_list_i(n, 'squeeze_dims')
            return self.node('Squeeze', [v(ins[0]), self.i64(axes)] if axes else [v(ins[0])])
        if op == 'ExpandDims':
            return self.node('Unsqueeze', [v(ins[0]), self.i64(np.atleast_1d(self.const_value(ins[1])))])
        if op == 'Shape':
            return self.node('Shape', [v(ins[0])])
        if op == 'StridedSlice':
            return self.strided_slice(n)
        if op == 'Pack':
            axis = attr_i(n, 'axis')
            return self.node('Concat', [self.node('Unsqueeze', [v(i), self.i64([axis])]) for i in ins], axis=axis)
        if op == 'ConcatV2':
            axis = int(self.const_value(ins[-1]))
            return self.node('Concat', [v(i) for i in ins[:-1]], axis=axis)
        if op == 'Mean':
            axes = [int(a) for a in np.atleast_1d(self.const_value(ins[1]))]
            return self.node('ReduceMean', [v(ins[0])], axes=axes, keepdims=int(attr_b(n, 'keep_dims')))
        if op == 'Sum':
            axes = [int(a) for a in np.atleast_1d(self.const_value(ins[1]))]
            return self.node('ReduceSum', [v(ins[0]), self.i64(axes)], keepdims=int(attr_b(n, 'keep_dims')))
        if op in ('_FusedMatMul', 'MatMul'):
            return self.matmul(n)
        if op == 'Cast':
            return self.node('Cast', [v(ins[0])], to=TF_DTYPES[n['attr']['DstT']['type']])
        if op == 'FloorDiv':
            if n['attr'].get('T', {}).get('type') == 'DT_FLOAT':
                return self.node('Floor', [self.node('Div', [v(ins[0]), v(ins[1])])])
            return self.node('Div', [v(ins[0]), v(ins[1])])  # non-negative integers here: truncation == floor
        if op == 'FloorMod':
            return self.node('Mod', [v(ins[0]), v(ins[1])], fmod=0)
        if op == 'GatherV2':
            if attr_i(n, 'batch_dims'):
                raise NotImplementedError('batch_dims')
            return self.node('Gather', [v(ins[0]), v(ins[1])], axis=int(self.const_value(ins[2])))
        if op == 'TopKV2':
            k = self.i64(np.atleast_1d(self.const_value(ins[1])))
            outs = [self.fresh('topk_values'), self.fresh('topk_indices')]
            self.node('TopK', [v(ins[0]), k], outputs=outs, axis=-1, largest=1, sorted=1)
            return outs
        raise NotImplementedError(f'{n["name"]}: op {op}')

    def build(self, producer):
        outs = []
        for spec in self.outputs:
            o, _, alias = spec.partition('=')
            x = self.value(o)
            name = alias or (o.split(':')[0] if o.endswith(':0') else o)
            self.onnx_nodes.append(helper.make_node('Identity', [x], [name], name=self.fresh('out')))
            vi = onnx.ValueInfoProto()
            vi.name = name
            vi.type.tensor_type.elem_type = TensorProto.FLOAT
            outs.append(vi)
        graph = helper.make_graph(self.onnx_nodes, 'graph', self.inputs, outs, self.initializers)
        model = helper.make_model(graph, producer_name=producer, opset_imports=[helper.make_opsetid('', OPSET)])
        model.ir_version = 8
        # python3-onnx 1.12's checker wants every output shape: take them from shape inference.
        inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
        known = {v.name: v for v in list(inferred.graph.value_info) + list(inferred.graph.output)}
        for o in model.graph.output:
            if known.get(o.name) is not None and known[o.name].type.tensor_type.HasField('shape'):
                o.type.CopyFrom(known[o.name].type)
            else:
                o.type.tensor_type.shape.SetInParent()
        onnx.checker.check_model(model)
        return model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('model_json')
    ap.add_argument('out')
    ap.add_argument('--outputs', required=True)
    ap.add_argument('--input-shape')
    ap.add_argument('--producer', default='ava-stream tfjs2onnx.py')
    a = ap.parse_args()
    shape = [int(s) for s in a.input_shape.split(',')] if a.input_shape else None
    c = Converter(a.model_json, a.outputs.split(','), shape)
    model = c.build(a.producer)
    onnx.save(model, a.out)
    ops = sorted({n.op_type for n in model.graph.node})
    print(f'{a.out}: {os.path.getsize(a.out)} bytes, {len(model.graph.node)} nodes, ops {ops}', file=sys.stderr)


if __name__ == '__main__':
    main()
