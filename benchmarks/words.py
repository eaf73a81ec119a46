"""Word lists the synthetic corpus draws names, titles and descriptions from (lists written as "a; b; c")."""

from __future__ import annotations


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


PREFIXES = _phrases(
    "ST; X; Cu; De; Mem; Flow; Trek; Seg; Prop; Mask; Query; Ref; Vid; Temp; Dyn; Long; Swift; Mo; Vis; "
    "Omni; Uni; Hier; Graph; Trans; Sparse; Dense; Lite; Fast; Deep; Fine; Cross; Multi; Mega; Meta; "
    "Self; Point; Click; Scrib; Obj; Inst; Pan; Open; Glob; Loc; Rec; Aug; Edge; Tiny; Hyb; Cyc; Ada; Re; "
    "Co; Con; Dual; Tri; Quad; Hyper; Neo; Echo"
)
CORES = _phrases(
    "Mem; Former; Net; VOS; Track; Seg; Prop; Match; Attn; Flow; Query; Mix; Link; Tube; Fuse; Bank; Cue; "
    "Stream; Align; Graph; Bridge; Pixel; Point; Mask; Trek; Vis; Tron; Lens; Loop; Span"
)
DECORATIONS = ("", *_phrases("v2; -L; -X; Lite; -T; v3; Plus; -S; Pro; v4; -H"))
ADJECTIVES = _phrases(
    "Efficient; Robust; Scalable; Hierarchical; Adaptive; Unified; Lightweight; Long-Term; Dense; Sparse; "
    "Temporally Consistent; Memory-Efficient; Real-Time; Object-Aware; Spatio-Temporal; Decoupled; "
    "Self-Supervised; Promptable; Open-Vocabulary; Multi-Scale; Query-Based; Transformer-Based; "
    "Progressive; Recurrent; Global-Local"
)
NOUNS = _phrases(
    "Memory Networks; Feature Propagation; Attention; Matching; Prototype Learning; Query Propagation; "
    "Mask Refinement; Contrastive Learning; Association; Token Merging; Motion Modeling; Object Tracking; "
    "Context Aggregation; Instance Embeddings; Cross-Frame Reasoning; Correspondence Learning; Memory "
    "Readout; Temporal Aggregation"
)
CONNECTORS = _phrases("with; via; through; using; by")
MECHANISMS = _phrases(
    "Sensory and Long-Term Memory; Object Queries; Optical Flow Guidance; Pixel-Level Correspondence; a "
    "Compact Memory Bank; Cycle Consistency; Language Prompts; Vision Foundation Models; Hybrid "
    "Convolution and Attention; Occlusion Reasoning; Learnable Tracking Queries; Scale-Aware Aggregation; "
    "Sparse Spatio-Temporal Attention; Frame Sampling Strategies"
)
PHRASES = {
    "semi-supervised-vos": "Semi-Supervised Video Object Segmentation",
    "unsupervised-vos": "Unsupervised Video Object Segmentation",
    "interactive-vos": "Interactive Video Object Segmentation",
    "referring-vos": "Referring Video Object Segmentation",
    "video-instance-segmentation": "Video Instance Segmentation",
    "open-vocabulary-vis": "Open-Vocabulary Video Instance Segmentation",
    "video-panoptic-segmentation": "Video Panoptic Segmentation",
    "segment-anything": "Promptable Video Segmentation",
}
TASK_WEIGHTS = {
    "semi-supervised-vos": 10,
    "video-instance-segmentation": 5,
    "referring-vos": 4,
    "unsupervised-vos": 3,
    "segment-anything": 2,
    "open-vocabulary-vis": 1,
    "video-panoptic-segmentation": 1,
}
FIRST_NAMES = _phrases(
    "Wei; Li; Jing; Yang; Hao; Xin; Ming; Yu; Jun; Chen; Ho Kei; Seoung Wug; Joon-Young; Alexander; "
    "Maria; Laura; Federico; Luc; Kevin; Sarah; Anna; Jonathon; Ross; Piotr; Fatih; Ahmed; Priya; Arjun; "
    "Sofia; Lucas; Emma; Noah; Hiroshi; Yuki; Mei; Tae-Hyun; Oscar; Ines; Mateo; Elena; Tomas; Olga; "
    "Ivan; Nikhil; Zhen; Qian; Rui; Bo; Kai"
)
LAST_NAMES = _phrases(
    "Wang; Li; Zhang; Liu; Chen; Yang; Huang; Zhao; Wu; Zhou; Xu; Sun; Ma; Zhu; Cheng; Oh; Lee; Kim; "
    "Park; Schwing; Perazzi; Pont-Tuset; Van Gool; Caelles; Maninis; Voigtlaender; Leibe; Luiten; Athar; "
    "Porikli; Girshick; Dollar; Ravi; Gabeur; Kirillov; Rossi; Muller; Schmidt; Garcia; Martinez; Novak; "
    "Ivanova; Tanaka; Sato; Suzuki; Kumar; Singh; Sharma; Khan; Ahmed; Silva; Santos; Dubois; Moreau; "
    "Bianchi"
)
DESCRIPTION_VERBS = _phrases(
    "Propagates object masks; Segments target objects; Tracks and segments every instance; Matches query "
    "frames against memory; Links per-frame detections into tracks; Refines coarse masks; Grounds the "
    "referred object; Aggregates object queries over time"
)
DESCRIPTION_MEANS = _phrases(
    "with a hierarchical memory bank; through sparse spatio-temporal attention; with object-level queries "
    "carried across frames; by matching pixels to a compact set of prototypes; with a lightweight decoder "
    "on a frozen foundation backbone; through cycle-consistent correspondence; with language features "
    "fused at several scales; by reasoning about occlusions explicitly"
)
DESCRIPTION_GAINS = _phrases(
    "so memory stays bounded on long videos; which keeps tracking stable through occlusions; running in "
    "real time on a single GPU; while training only on short clips; so new objects can be added "
    "mid-video; with no optical flow at test time; and improves most on small and fast-moving objects; "
    "with far fewer parameters than prior work"
)
VARIANT_SUFFIXES = _phrases("-S; -B; -L; (MS); -T; -H; (600p); -Lite; -XL")
"""Appended to the method name; those in parentheses after a space."""
RESOLUTIONS = _phrases("480p; 600p; 720p; 1080p")
NOTES = (
    "Numbers from the final version; the preprint printed slightly lower scores.",
    "The repository's model zoo lists the same row with a different checkpoint name.",
    "Trained with the authors' released schedule; FPS measured without I/O.",
)
