#!/usr/bin/env bash
# The machine line of a benchmark run: CPU, cores, Java, torch and the BLAS each side runs.
# OpenBLAS picks its kernels per CPU at run time (DYNAMIC_ARCH), unless OPENBLAS_CORETYPE names them: both Debian's
# OpenBLAS (under torch) and the one ND4J ships (under Bottleneck) read that variable, so it is printed here.
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)
fam=$(lscpu 2>/dev/null | sed -n 's/^CPU family:[[:space:]]*//p' | head -1)
model=$(lscpu 2>/dev/null | sed -n 's/^Model:[[:space:]]*//p' | head -1)
avx512=$(grep -q avx512f /proc/cpuinfo && echo "AVX-512" || echo "no AVX-512")
echo "machine: $(nproc) cores, ${cpu:-?} (family ${fam:-?} model ${model:-?}, $avx512), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1)"
echo "env: OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset} OMP_NUM_THREADS=${OMP_NUM_THREADS:-unset}"
echo "libblas.so.3: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo none)"
/usr/bin/python3 - <<'EOF' 2>/dev/null || echo "torch: not importable by /usr/bin/python3"
import ctypes, re, torch
cfg = torch.__config__.show()
blas = re.search(r"BLAS_INFO=([^,]+)", cfg)
try:
    lib = ctypes.CDLL("libopenblas.so.0")
    lib.openblas_get_corename.restype = ctypes.c_char_p
    lib.openblas_get_config.restype = ctypes.c_char_p
    ob = f"{lib.openblas_get_config().decode()}, core {lib.openblas_get_corename().decode()}"
except OSError as e:
    ob = f"no libopenblas.so.0 ({e})"
print(f"torch: {torch.__version__}, BLAS_INFO={blas.group(1) if blas else '?'}; loaded: {ob}")
EOF
# The OpenBLAS that ND4J ships, as JavaCPP unpacked it (present after the jar has run once).
so=$(ls ~/.javacpp/cache/openblas-*/org/bytedeco/openblas/linux-x86_64/libopenblas_nolapack.so.0 2>/dev/null | head -1)
if [ -n "$so" ]; then
  /usr/bin/python3 - "$so" <<'EOF2' 2>/dev/null || echo "bottleneck's OpenBLAS: $so (not loadable here)"
import ctypes, os, sys
d = os.path.dirname(sys.argv[1])
for dep in ("libgfortran.so.5",):
    if os.path.exists(os.path.join(d, dep)):
        ctypes.CDLL(os.path.join(d, dep), mode=ctypes.RTLD_GLOBAL)
lib = ctypes.CDLL(sys.argv[1])
lib.openblas_get_corename.restype = ctypes.c_char_p
lib.openblas_get_config.restype = ctypes.c_char_p
print(f"bottleneck's OpenBLAS (ND4J/JavaCPP): {lib.openblas_get_config().decode()}, core {lib.openblas_get_corename().decode()}")
EOF2
else
  echo "bottleneck's OpenBLAS: not unpacked yet (~/.javacpp/cache)"
fi
