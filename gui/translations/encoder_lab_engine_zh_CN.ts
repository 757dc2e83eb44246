<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>Engine</name>
    <message>
      <source>optimizer</source>
      <extracomment>RunParams.optimizer: label</extracomment>
      <translation>优化器</translation>
    </message>
    <message>
      <source>optimiser</source>
      <extracomment>RunParams.optimizer: help</extracomment>
      <translation>优化器</translation>
    </message>
    <message>
      <source>lr</source>
      <extracomment>RunParams.lr: label</extracomment>
      <translation>学习率</translation>
    </message>
    <message>
      <source>learning rate</source>
      <extracomment>RunParams.lr: help</extracomment>
      <translation>学习率</translation>
    </message>
    <message>
      <source>weight decay</source>
      <extracomment>RunParams.weight_decay: label</extracomment>
      <translation>权重衰减</translation>
    </message>
    <message>
      <source>L2 weight decay (decoupled for adamw)</source>
      <extracomment>RunParams.weight_decay: help</extracomment>
      <translation>L2 权重衰减（adamw 为解耦式）</translation>
    </message>
    <message>
      <source>momentum</source>
      <extracomment>RunParams.momentum: label</extracomment>
      <translation>动量</translation>
    </message>
    <message>
      <source>momentum (sgd only)</source>
      <extracomment>RunParams.momentum: help</extracomment>
      <translation>动量（仅 sgd）</translation>
    </message>
    <message>
      <source>batch size</source>
      <extracomment>RunParams.batch_size: label</extracomment>
      <translation>批大小</translation>
    </message>
    <message>
      <source>images per step</source>
      <extracomment>RunParams.batch_size: help</extracomment>
      <translation>每步训练的图像数</translation>
    </message>
    <message>
      <source>seed</source>
      <extracomment>RunParams.seed: label</extracomment>
      <translation>随机种子</translation>
    </message>
    <message>
      <source>seed of initial weights, batch order and augmentation</source>
      <extracomment>RunParams.seed: help</extracomment>
      <translation>初始权重、批次顺序与数据增强所用的随机种子</translation>
    </message>
    <message>
      <source>device</source>
      <extracomment>RunParams.device: label</extracomment>
      <translation>设备</translation>
    </message>
    <message>
      <source>where to train: auto picks CUDA, then MPS, then the CPU</source>
      <extracomment>RunParams.device: help</extracomment>
      <translation>在哪里训练：“自动”依次选择 CUDA、MPS、CPU</translation>
    </message>
    <message>
      <source>auto</source>
      <extracomment>RunParams.device: choice</extracomment>
      <translation>自动</translation>
    </message>
    <message>
      <source>latent dim</source>
      <extracomment>autoencoder.Params.latent_dim: label</extracomment>
      <translation>潜在维度</translation>
    </message>
    <message>
      <source>size of the code each image is squeezed into</source>
      <extracomment>autoencoder.Params.latent_dim: help</extracomment>
      <translation>每张图像被压缩成的编码（表示）的长度</translation>
    </message>
    <message>
      <source>code</source>
      <extracomment>autoencoder.Params.code: label</extracomment>
      <translation>编码</translation>
    </message>
    <message>
      <source>what the code is made of: real numbers; binary (each number is -1 or +1, a yes or no); one-hot (groups of one_hot_k numbers, exactly one of them 1 in each group); gumbel (one-hot too, but sampled at random while training, as Gumbel-softmax does)</source>
      <extracomment>autoencoder.Params.code: help</extracomment>
      <translation>编码由什么构成：实数；二进制 (Binary)（每个数是 -1 或 +1，即“是”或“否”）；独热 (One-hot)（每组 one_hot_k 个数，每组中恰有一个为 1）；gumbel（也是独热，但训练时随机采样，即 Gumbel-softmax 的做法）</translation>
    </message>
    <message>
      <source>real</source>
      <extracomment>autoencoder.Params.code: choice</extracomment>
      <translation>真实</translation>
    </message>
    <message>
      <source>binary</source>
      <extracomment>autoencoder.Params.code: choice</extracomment>
      <translation>二进制 (Binary)</translation>
    </message>
    <message>
      <source>one-hot</source>
      <extracomment>autoencoder.Params.code: choice</extracomment>
      <translation>独热 (One-hot)</translation>
    </message>
    <message>
      <source>gumbel</source>
      <extracomment>autoencoder.Params.code: choice</extracomment>
      <translation>gumbel（Gumbel-softmax 采样）</translation>
    </message>
    <message>
      <source>one hot k</source>
      <extracomment>autoencoder.Params.one_hot_k: label</extracomment>
      <translation>独热每组取值数 K</translation>
    </message>
    <message>
      <source>values per group of a one-hot or gumbel code (K): each group names one of K things, so latent_dim must be groups × K; at least 2, as one value says nothing</source>
      <extracomment>autoencoder.Params.one_hot_k: help</extracomment>
      <translation>独热或 gumbel 编码每组的取值个数 (K)：每组从 K 个事物中指出一个，因此 latent_dim 必须等于 组数 × K；至少为 2，因为只有一个取值时什么也表达不了</translation>
    </message>
    <message>
      <source>temperature</source>
      <extracomment>autoencoder.Params.temperature: label</extracomment>
      <translation>温度</translation>
    </message>
    <message>
      <source>gumbel code only: softmax temperature of the samples whose gradient trains the encoder; lower is closer to one-hot but gives noisier gradients</source>
      <extracomment>autoencoder.Params.temperature: help</extracomment>
      <translation>仅用于 gumbel 编码：采样的 softmax 温度，编码器 (Encoder) 依靠这些样本的梯度训练；温度越低越接近独热 (One-hot)，但梯度噪声越大</translation>
    </message>
    <message>
      <source>width</source>
      <extracomment>autoencoder.Params.width: label</extracomment>
      <translation>宽度</translation>
    </message>
    <message>
      <source>channels of the first conv layer (doubling per stage)</source>
      <extracomment>autoencoder.Params.width: help</extracomment>
      <translation>第一层卷积的通道数（每一级翻倍）</translation>
    </message>
    <message>
      <source>recon loss</source>
      <extracomment>autoencoder.Params.recon_loss: label</extracomment>
      <translation>重建损失</translation>
    </message>
    <message>
      <source>reconstruction error: Bernoulli log-likelihood (bce) or squared error (mse)</source>
      <extracomment>autoencoder.Params.recon_loss: help</extracomment>
      <translation>重建误差：伯努利对数似然 (bce) 或平方误差 (mse)</translation>
    </message>
    <message>
      <source>norm</source>
      <extracomment>autoencoder.Params.norm: label</extracomment>
      <translation>归一化</translation>
    </message>
    <message>
      <source>normalisation in the conv layers (group norm behaves the same in training and display)</source>
      <extracomment>autoencoder.Params.norm: help</extracomment>
      <translation>卷积层中的归一化（组归一化在训练和展示时表现相同）</translation>
    </message>
    <message>
      <source>group</source>
      <extracomment>autoencoder.Params.norm: choice</extracomment>
      <translation>组归一化 (group)</translation>
    </message>
    <message>
      <source>batch</source>
      <extracomment>autoencoder.Params.norm: choice</extracomment>
      <translation>批归一化 (batch)</translation>
    </message>
    <message>
      <source>none</source>
      <extracomment>autoencoder.Params.norm: choice</extracomment>
      <translation>无</translation>
    </message>
    <message>
      <source>noise</source>
      <extracomment>denoising_autoencoder.Params.noise: label</extracomment>
      <translation>噪声</translation>
    </message>
    <message>
      <source>corruption: add Gaussian noise, flip pixels to black/white, or blank pixels</source>
      <extracomment>denoising_autoencoder.Params.noise: help</extracomment>
      <translation>破坏方式：加高斯噪声、把像素翻成黑或白（椒盐），或把像素清空（掩码）</translation>
    </message>
    <message>
      <source>gaussian</source>
      <extracomment>denoising_autoencoder.Params.noise: choice</extracomment>
      <translation>高斯噪声</translation>
    </message>
    <message>
      <source>salt_pepper</source>
      <extracomment>denoising_autoencoder.Params.noise: choice</extracomment>
      <translation>椒盐噪声</translation>
    </message>
    <message>
      <source>masking</source>
      <extracomment>denoising_autoencoder.Params.noise: choice</extracomment>
      <translation>掩码 (masking)</translation>
    </message>
    <message>
      <source>noise level</source>
      <extracomment>denoising_autoencoder.Params.noise_level: label</extracomment>
      <translation>噪声强度</translation>
    </message>
    <message>
      <source>noise std (gaussian) or share of pixels hit (salt_pepper, masking)</source>
      <extracomment>denoising_autoencoder.Params.noise_level: help</extracomment>
      <translation>噪声的标准差（高斯噪声），或受影响像素的比例（椒盐噪声、掩码）</translation>
    </message>
    <message>
      <source>number of latent dimensions (one slider each)</source>
      <extracomment>vae.Params.latent_dim: help</extracomment>
      <translation>潜在维度的个数（每维一个滑块）</translation>
    </message>
    <message>
      <source>beta</source>
      <extracomment>vae.Params.beta: label</extracomment>
      <translation>β（KL 权重）</translation>
    </message>
    <message>
      <source>weight of the KL term: 1 is the plain VAE, &gt;1 a beta-VAE that disentangles more</source>
      <extracomment>vae.Params.beta: help</extracomment>
      <translation>KL 项的权重：1 是普通 VAE，&gt;1 是 β-VAE，特征解耦 (Feature Disentangle) 更强</translation>
    </message>
    <message>
      <source>kl warmup steps</source>
      <extracomment>vae.Params.kl_warmup_steps: label</extracomment>
      <translation>KL 预热步数</translation>
    </message>
    <message>
      <source>ramp beta up from 0 over this many steps, so the KL cannot collapse early</source>
      <extracomment>vae.Params.kl_warmup_steps: help</extracomment>
      <translation>在这么多步内把 β 从 0 逐渐升高，免得 KL 过早坍塌 (Collapse)</translation>
    </message>
    <message>
      <source>free bits</source>
      <extracomment>vae.Params.free_bits: label</extracomment>
      <translation>自由比特</translation>
    </message>
    <message>
      <source>nats per dimension the KL may use for free (stops dimensions dying)</source>
      <extracomment>vae.Params.free_bits: help</extracomment>
      <translation>每个维度可免费使用的 KL（奈特），防止维度“死掉”</translation>
    </message>
    <message>
      <source>normalisation in the conv layers</source>
      <extracomment>vae.Params.norm: help</extracomment>
      <translation>卷积层中的归一化</translation>
    </message>
    <message>
      <source>codebook size</source>
      <extracomment>vqvae.Params.codebook_size: label</extracomment>
      <translation>码本大小</translation>
    </message>
    <message>
      <source>number of codes in the codebook</source>
      <extracomment>vqvae.Params.codebook_size: help</extracomment>
      <translation>码本 (Codebook) 中的编码个数</translation>
    </message>
    <message>
      <source>code dim</source>
      <extracomment>vqvae.Params.code_dim: label</extracomment>
      <translation>编码维度</translation>
    </message>
    <message>
      <source>length of each code vector</source>
      <extracomment>vqvae.Params.code_dim: help</extracomment>
      <translation>每个编码向量的长度</translation>
    </message>
    <message>
      <source>commitment</source>
      <extracomment>vqvae.Params.commitment: label</extracomment>
      <translation>承诺项权重</translation>
    </message>
    <message>
      <source>beta: weight of the commitment term</source>
      <extracomment>vqvae.Params.commitment: help</extracomment>
      <translation>β：承诺损失 (commitment) 项的权重</translation>
    </message>
    <message>
      <source>ema</source>
      <extracomment>vqvae.Params.ema: label</extracomment>
      <translation>EMA 更新</translation>
    </message>
    <message>
      <source>update the codebook by moving averages of its assigned encoder outputs (appendix A.1); off: the codebook loss trains it (eq. 3)</source>
      <extracomment>vqvae.Params.ema: help</extracomment>
      <translation>用分配到各编码的编码器输出的滑动平均来更新码本（附录 A.1）；关闭时由码本损失训练码本（式 3）</translation>
    </message>
    <message>
      <source>ema decay</source>
      <extracomment>vqvae.Params.ema_decay: label</extracomment>
      <translation>EMA 衰减</translation>
    </message>
    <message>
      <source>decay of those moving averages</source>
      <extracomment>vqvae.Params.ema_decay: help</extracomment>
      <translation>上述滑动平均的衰减率</translation>
    </message>
    <message>
      <source>reset dead codes</source>
      <extracomment>vqvae.Params.reset_dead_codes: label</extracomment>
      <translation>重置失效编码</translation>
    </message>
    <message>
      <source>re-seed codes unused for dead_after steps with encoder outputs</source>
      <extracomment>vqvae.Params.reset_dead_codes: help</extracomment>
      <translation>用编码器输出重新初始化连续“判失效步数”(dead_after) 步未被使用的编码</translation>
    </message>
    <message>
      <source>dead after</source>
      <extracomment>vqvae.Params.dead_after: label</extracomment>
      <translation>判失效步数</translation>
    </message>
    <message>
      <source>steps without use after which a code counts as dead</source>
      <extracomment>vqvae.Params.dead_after: help</extracomment>
      <translation>编码连续多少步未被使用就算作失效</translation>
    </message>
    <message>
      <source>patch size</source>
      <extracomment>mae.Params.patch_size: label</extracomment>
      <translation>图块大小</translation>
    </message>
    <message>
      <source>side of a patch in pixels; must divide the image side (4 or 7 for 28x28, 4 or 8 for 32x32)</source>
      <extracomment>mae.Params.patch_size: help</extracomment>
      <translation>图块 (patch) 的边长（像素）；必须整除图像边长（28x28 用 4 或 7，32x32 用 4 或 8）</translation>
    </message>
    <message>
      <source>mask ratio</source>
      <extracomment>mae.Params.mask_ratio: label</extracomment>
      <translation>掩码率</translation>
    </message>
    <message>
      <source>share of patches hidden from the encoder</source>
      <extracomment>mae.Params.mask_ratio: help</extracomment>
      <translation>对编码器隐藏的图块比例</translation>
    </message>
    <message>
      <source>embed dim</source>
      <extracomment>mae.Params.embed_dim: label</extracomment>
      <translation>嵌入维度</translation>
    </message>
    <message>
      <source>width of the encoder's tokens</source>
      <extracomment>mae.Params.embed_dim: help</extracomment>
      <translation>编码器 token 的宽度</translation>
    </message>
    <message>
      <source>depth</source>
      <extracomment>mae.Params.depth: label</extracomment>
      <translation>深度</translation>
    </message>
    <message>
      <source>transformer blocks in the encoder</source>
      <extracomment>mae.Params.depth: help</extracomment>
      <translation>编码器中 Transformer 块的个数</translation>
    </message>
    <message>
      <source>heads</source>
      <extracomment>mae.Params.heads: label</extracomment>
      <translation>注意力头数</translation>
    </message>
    <message>
      <source>attention heads (must divide the widths)</source>
      <extracomment>mae.Params.heads: help</extracomment>
      <translation>注意力头的个数（必须整除各宽度）</translation>
    </message>
    <message>
      <source>decoder dim</source>
      <extracomment>mae.Params.decoder_dim: label</extracomment>
      <translation>解码器维度</translation>
    </message>
    <message>
      <source>width of the decoder's tokens</source>
      <extracomment>mae.Params.decoder_dim: help</extracomment>
      <translation>解码器 token 的宽度</translation>
    </message>
    <message>
      <source>decoder depth</source>
      <extracomment>mae.Params.decoder_depth: label</extracomment>
      <translation>解码器深度</translation>
    </message>
    <message>
      <source>transformer blocks in the decoder</source>
      <extracomment>mae.Params.decoder_depth: help</extracomment>
      <translation>解码器中 Transformer 块的个数</translation>
    </message>
    <message>
      <source>normalise target</source>
      <extracomment>mae.Params.normalise_target: label</extracomment>
      <translation>标准化目标</translation>
    </message>
    <message>
      <source>standardise each target patch (the paper's 'norm pix' loss)</source>
      <extracomment>mae.Params.normalise_target: help</extracomment>
      <translation>把每个目标图块标准化（论文中的 'norm pix' 损失）</translation>
    </message>
    <message>
      <source>representation dim</source>
      <extracomment>moco.Params.representation_dim: label</extracomment>
      <translation>表示维度</translation>
    </message>
    <message>
      <source>size of the backbone's output: the embedding probed and mapped</source>
      <extracomment>moco.Params.representation_dim: help</extracomment>
      <translation>主干网络输出的维度：即被探测 (probe) 并画到图上的表示 (Embedding)</translation>
    </message>
    <message>
      <source>projection dim</source>
      <extracomment>moco.Params.projection_dim: label</extracomment>
      <translation>投影维度</translation>
    </message>
    <message>
      <source>size of the projector's output, where the loss is computed</source>
      <extracomment>moco.Params.projection_dim: help</extracomment>
      <translation>投影头输出的维度，损失在这里计算</translation>
    </message>
    <message>
      <source>hidden dim</source>
      <extracomment>moco.Params.hidden_dim: label</extracomment>
      <translation>隐藏层维度</translation>
    </message>
    <message>
      <source>width of the projector's hidden layer</source>
      <extracomment>moco.Params.hidden_dim: help</extracomment>
      <translation>投影头隐藏层的宽度</translation>
    </message>
    <message>
      <source>channels of the backbone's first conv layer (doubling per stage)</source>
      <extracomment>moco.Params.width: help</extracomment>
      <translation>主干网络第一层卷积的通道数（每一级翻倍）</translation>
    </message>
    <message>
      <source>queue size</source>
      <extracomment>moco.Params.queue_size: label</extracomment>
      <translation>队列大小</translation>
    </message>
    <message>
      <source>negatives kept from past batches; keep it well below the training set size</source>
      <extracomment>moco.Params.queue_size: help</extracomment>
      <translation>从以往批次保留下来的负样本个数；应远小于训练集的大小</translation>
    </message>
    <message>
      <source>how slowly the key encoder follows the query encoder (0.99: 1% a step)</source>
      <extracomment>moco.Params.momentum: help</extracomment>
      <translation>动量编码器 (key) 跟随查询编码器 (query) 的快慢（0.99：每步靠近 1%）</translation>
    </message>
    <message>
      <source>softmax temperature</source>
      <extracomment>moco.Params.temperature: help</extracomment>
      <translation>softmax 温度</translation>
    </message>
    <message>
      <source>softmax temperature: low values focus the loss on the hardest negatives</source>
      <extracomment>simclr.Params.temperature: help</extracomment>
      <translation>softmax 温度：值越低，损失越集中在最难区分的负样本上</translation>
    </message>
    <message>
      <source>tau base</source>
      <extracomment>byol.Params.tau_base: label</extracomment>
      <translation>初始 τ</translation>
    </message>
    <message>
      <source>EMA rate of the target at the start</source>
      <extracomment>byol.Params.tau_base: help</extracomment>
      <translation>开始时目标网络的 EMA 率</translation>
    </message>
    <message>
      <source>schedule steps</source>
      <extracomment>byol.Params.schedule_steps: label</extracomment>
      <translation>调度步数</translation>
    </message>
    <message>
      <source>steps over which the EMA rate rises from tau_base to 1 (cosine)</source>
      <extracomment>byol.Params.schedule_steps: help</extracomment>
      <translation>EMA 率从初始 τ (tau_base) 升到 1 所用的步数（余弦曲线）</translation>
    </message>
    <message>
      <source>use predictor</source>
      <extracomment>byol.Params.use_predictor: label</extracomment>
      <translation>使用预测器</translation>
    </message>
    <message>
      <source>the predictor head; without it BYOL collapses</source>
      <extracomment>byol.Params.use_predictor: help</extracomment>
      <translation>预测器 (predictor) 头；没有它 BYOL 会坍塌 (Collapse)</translation>
    </message>
    <message>
      <source>stop gradient</source>
      <extracomment>byol.Params.stop_gradient: label</extracomment>
      <translation>停止梯度</translation>
    </message>
    <message>
      <source>train only the online branch; without it BYOL collapses</source>
      <extracomment>byol.Params.stop_gradient: help</extracomment>
      <translation>只训练在线 (online) 分支；没有它 BYOL 会坍塌 (Collapse)</translation>
    </message>
    <message>
      <source>predictor dim</source>
      <extracomment>simsiam.Params.predictor_dim: label</extracomment>
      <translation>预测器维度</translation>
    </message>
    <message>
      <source>bottleneck width of the predictor</source>
      <extracomment>simsiam.Params.predictor_dim: help</extracomment>
      <translation>预测器的瓶颈宽度</translation>
    </message>
    <message>
      <source>the predictor head; the paper's SimSiam collapses without it over epochs, but here the projector's closing batch norm keeps every output dimension spread, so only the effective rank sinks (about 20 -&gt; 8 of 64 in 300 steps on mnist5k) and no collapse shows within minutes</source>
      <extracomment>simsiam.Params.use_predictor: help</extracomment>
      <translation>预测器 (predictor) 头；论文中的 SimSiam 没有它会在几轮 (epoch) 内坍塌，但这里投影头末尾的批归一化让每个输出维度都保持分散，所以只有有效秩下降（在 mnist5k 上 300 步内从约 20 降到约 8，共 64 维），几分钟内看不到坍塌 (Collapse)</translation>
    </message>
    <message>
      <source>stop the gradient through the target branch; without it SimSiam collapses</source>
      <extracomment>simsiam.Params.stop_gradient: help</extracomment>
      <translation>对目标分支停止梯度 (stop-gradient)；没有它 SimSiam 会坍塌 (Collapse)</translation>
    </message>
    <message>
      <source>off diagonal weight</source>
      <extracomment>barlow_twins.Params.off_diagonal_weight: label</extracomment>
      <translation>非对角项权重</translation>
    </message>
    <message>
      <source>lambda: weight of the redundancy term (the paper's 0.005 was for 8,192 dimensions; about 1/D suits small ones)</source>
      <extracomment>barlow_twins.Params.off_diagonal_weight: help</extracomment>
      <translation>λ：冗余项的权重（论文的 0.005 针对 8,192 维；维度小时约 1/D 合适）</translation>
    </message>
    <message>
      <source>invariance weight</source>
      <extracomment>vicreg.Params.invariance_weight: label</extracomment>
      <translation>不变性权重</translation>
    </message>
    <message>
      <source>lambda: weight of the invariance term</source>
      <extracomment>vicreg.Params.invariance_weight: help</extracomment>
      <translation>λ：不变性项的权重</translation>
    </message>
    <message>
      <source>variance weight</source>
      <extracomment>vicreg.Params.variance_weight: label</extracomment>
      <translation>方差权重</translation>
    </message>
    <message>
      <source>mu: weight of the variance term</source>
      <extracomment>vicreg.Params.variance_weight: help</extracomment>
      <translation>μ：方差项的权重</translation>
    </message>
    <message>
      <source>covariance weight</source>
      <extracomment>vicreg.Params.covariance_weight: label</extracomment>
      <translation>协方差权重</translation>
    </message>
    <message>
      <source>nu: weight of the covariance term</source>
      <extracomment>vicreg.Params.covariance_weight: help</extracomment>
      <translation>ν：协方差项的权重</translation>
    </message>
    <message>
      <source>use variance</source>
      <extracomment>vicreg.Params.use_variance: label</extracomment>
      <translation>使用方差项</translation>
    </message>
    <message>
      <source>the variance term; without it the embeddings shrink towards one point (to a tenth of their size in about 250 steps on mnist5k)</source>
      <extracomment>vicreg.Params.use_variance: help</extracomment>
      <translation>方差项；没有它，表示 (Embedding) 会向一个点收缩（在 mnist5k 上约 250 步缩到原来的十分之一）</translation>
    </message>
    <message>
      <source>channels of each generator's first layer (twice as many at each halving of the image) and of each discriminator's</source>
      <extracomment>cyclegan.Params.width: help</extracomment>
      <translation>每个生成器第一层的通道数（图像每减半一次翻倍），以及每个判别器第一层的通道数</translation>
    </message>
    <message>
      <source>halvings</source>
      <extracomment>cyclegan.Params.halvings: label</extracomment>
      <translation>减半次数</translation>
    </message>
    <message>
      <source>times each generator halves the image before its residual blocks (the paper: 2). At 2 a change can reach across a whole digit, and without the cycle loss the translations lose their class; at 1 or 0 each pixel follows its neighbourhood, which keeps the class even without it</source>
      <extracomment>cyclegan.Params.halvings: help</extracomment>
      <translation>每个生成器在残差块之前把图像减半的次数（论文：2）。为 2 时，一处改变可以波及整个数字，没有循环一致性损失时转换结果会丢失类别；为 1 或 0 时，每个像素只跟随其邻域，即使没有循环一致性损失也能保留类别</translation>
    </message>
    <message>
      <source>residual blocks</source>
      <extracomment>cyclegan.Params.residual_blocks: label</extracomment>
      <translation>残差块数</translation>
    </message>
    <message>
      <source>residual blocks in the middle of each generator (the paper: 6 at 128x128, 9 at 256x256)</source>
      <extracomment>cyclegan.Params.residual_blocks: help</extracomment>
      <translation>每个生成器中间的残差块数（论文：128x128 用 6 个，256x256 用 9 个）</translation>
    </message>
    <message>
      <source>cycle lambda</source>
      <extracomment>cyclegan.Params.cycle_lambda: label</extracomment>
      <translation>循环一致性权重 λ</translation>
    </message>
    <message>
      <source>weight λ of the cycle-consistency loss |F(G(a)) − a| + |G(F(b)) − b| (the paper: 10); at 0 a translation need no longer correspond to its source</source>
      <extracomment>cyclegan.Params.cycle_lambda: help</extracomment>
      <translation>循环一致性 (cycle consistency) 损失 |F(G(a)) − a| + |G(F(b)) − b| 的权重 λ（论文：10）；为 0 时，转换结果不再需要与原图对应</translation>
    </message>
    <message>
      <source>identity share</source>
      <extracomment>cyclegan.Params.identity_share: label</extracomment>
      <translation>恒等损失占比</translation>
    </message>
    <message>
      <source>weight of the identity loss |G(b) − b| + |F(a) − a| as a share of λ (the paper: 0.5, for paintings to photos; 0: off)</source>
      <extracomment>cyclegan.Params.identity_share: help</extracomment>
      <translation>恒等损失 |G(b) − b| + |F(a) − a| 的权重，为 λ 的倍数（论文：0.5，用于画作到照片；0 为关闭）</translation>
    </message>
    <message>
      <source>d lr scale</source>
      <extracomment>cyclegan.Params.d_lr_scale: label</extracomment>
      <translation>判别器学习率倍数</translation>
    </message>
    <message>
      <source>the discriminators' learning rate as a multiple of the run's</source>
      <extracomment>cyclegan.Params.d_lr_scale: help</extracomment>
      <translation>两个判别器的学习率，为本次训练学习率的倍数</translation>
    </message>
    <message>
      <source>pool size</source>
      <extracomment>cyclegan.Params.pool_size: label</extracomment>
      <translation>池大小</translation>
    </message>
    <message>
      <source>earlier translations kept for the discriminators (the paper: 50); each step a discriminator sees a new translation or, half the time once the pool is full, an older one, so it does not forget what the generators made before. 0: only the latest</source>
      <extracomment>cyclegan.Params.pool_size: help</extracomment>
      <translation>为判别器保留的早先翻译结果数（论文：50）；每一步判别器看到一张新的翻译，或在池满之后有一半的机会看到一张较早的，这样它不会忘记生成器以前生成过什么。0：只用最新的</translation>
    </message>
    <message>
      <source>size of the noise vector z the generator turns into an image (one slider each in the latent explorer)</source>
      <extracomment>gan.Params.latent_dim: help</extracomment>
      <translation>生成器变成图像的噪声向量 z 的维数（潜在空间浏览器中每维一个滑块）</translation>
    </message>
    <message>
      <source>channels of the first conv layer of each network (doubling per stage); on 2-D points, the units of each hidden layer</source>
      <extracomment>gan.Params.width: help</extracomment>
      <translation>两个网络第一层卷积的通道数（每一级翻倍）；在二维点上，是每个隐藏层的单元数</translation>
    </message>
    <message>
      <source>normalisation in the discriminator's conv layers: batch as in DCGAN (at the run's learning rate, without it the discriminator soon wins outright); none on 2-D points, whatever this says: batch norm would tie each point's score to its batch</source>
      <extracomment>gan.Params.norm: help</extracomment>
      <translation>判别器卷积层中的归一化：batch 与 DCGAN 相同（在本次训练的学习率下，没有它判别器很快就会完全压倒生成器）；在二维点上无论这里怎么设都不用归一化：batch norm 会把每个点的分数和它所在的批绑在一起</translation>
    </message>
    <message>
      <source>layer</source>
      <extracomment>gan.Params.norm: choice</extracomment>
      <translation>层归一化 (layer)</translation>
    </message>
    <message>
      <source>the discriminator's learning rate as a multiple of the run's</source>
      <extracomment>gan.Params.d_lr_scale: help</extracomment>
      <translation>判别器的学习率，为本次训练学习率的倍数</translation>
    </message>
    <message>
      <source>r1 gamma</source>
      <extracomment>gan.Params.r1_gamma: label</extracomment>
      <translation>R1 权重 gamma</translation>
    </message>
    <message>
      <source>weight gamma of the R1 penalty, gamma/2 * |grad D(x)|^2 on real images (0: off); it calms an overconfident discriminator</source>
      <extracomment>gan.Params.r1_gamma: help</extracomment>
      <translation>R1 惩罚的权重 gamma：在真实图像上的 gamma/2 * |grad D(x)|^2（0 为关闭）；它让过于自信的判别器平静下来</translation>
    </message>
    <message>
      <source>normalisation in the critic's conv layers (never batch: the penalty is per image); none on 2-D points</source>
      <extracomment>wgan_gp.Params.norm: help</extracomment>
      <translation>评论器 (critic) 卷积层中的归一化（不可用 batch：惩罚是按每张图像计算的）；在二维点上不用归一化</translation>
    </message>
    <message>
      <source>n critic</source>
      <extracomment>wgan_gp.Params.n_critic: label</extracomment>
      <translation>评论器步数 (n critic)</translation>
    </message>
    <message>
      <source>critic updates per generator update</source>
      <extracomment>wgan_gp.Params.n_critic: help</extracomment>
      <translation>生成器每更新一次，评论器 (critic) 更新的次数</translation>
    </message>
    <message>
      <source>gp lambda</source>
      <extracomment>wgan_gp.Params.gp_lambda: label</extracomment>
      <translation>梯度惩罚权重 lambda</translation>
    </message>
    <message>
      <source>weight lambda of the gradient penalty that keeps the critic 1-Lipschitz</source>
      <extracomment>wgan_gp.Params.gp_lambda: help</extracomment>
      <translation>梯度惩罚的权重 lambda，它让评论器 (critic) 保持 1-Lipschitz</translation>
    </message>
    <message>
      <source>the critic's learning rate as a multiple of the run's</source>
      <extracomment>wgan_gp.Params.d_lr_scale: help</extracomment>
      <translation>评论器 (critic) 的学习率，为本次训练学习率的倍数</translation>
    </message>
    <message>
      <source>size of the network's output: the space the hypersphere lives in, drawn on the map (the paper uses 32 for MNIST)</source>
      <extracomment>deep_svdd.Params.representation_dim: help</extracomment>
      <translation>网络输出的维数：超球所在的空间，也就是画在映射图上的空间（论文在 MNIST 上用 32）</translation>
    </message>
    <message>
      <source>channels of the first conv layer (doubling once after it)</source>
      <extracomment>deep_svdd.Params.width: help</extracomment>
      <translation>第一层卷积的通道数（之后翻倍一次）</translation>
    </message>
    <message>
      <source>centre images</source>
      <extracomment>deep_svdd.Params.centre_images: label</extracomment>
      <translation>求中心的图像数</translation>
    </message>
    <message>
      <source>training images whose mean initial output fixes the centre c before the first step (all of them when there are fewer)</source>
      <extracomment>deep_svdd.Params.centre_images: help</extracomment>
      <translation>在第一步之前，用这么多张训练图像的初始输出的平均值固定中心 c（训练图像不足这么多时全部使用）</translation>
    </message>
    <message>
      <source>reconstruction</source>
      <extracomment>method family (the method list's headings)</extracomment>
      <translation>重建</translation>
    </message>
    <message>
      <source>masked modelling</source>
      <extracomment>method family (the method list's headings)</extracomment>
      <translation>掩码建模</translation>
    </message>
    <message>
      <source>contrastive</source>
      <extracomment>method family (the method list's headings)</extracomment>
      <translation>对比学习</translation>
    </message>
    <message>
      <source>bootstrapping</source>
      <extracomment>method family (the method list's headings)</extracomment>
      <translation>自举 (bootstrapping)</translation>
    </message>
    <message>
      <source>redundancy reduction</source>
      <extracomment>method family (the method list's headings)</extracomment>
      <translation>冗余消减</translation>
    </message>
    <message>
      <source>pretext tasks</source>
      <extracomment>method family (the method list's headings)</extracomment>
      <translation>预训练任务 (Pretext Task)</translation>
    </message>
    <message>
      <source>adversarial</source>
      <extracomment>method family (the method list's headings)</extracomment>
      <translation>对抗</translation>
    </message>
    <message>
      <source>anomaly detection</source>
      <extracomment>method family (the method list's headings)</extracomment>
      <translation>异常检测 (Anomaly Detection)</translation>
    </message>
    <message>
      <source>crop</source>
      <extracomment>augmentation crop: name</extracomment>
      <translation>裁剪</translation>
    </message>
    <message>
      <source>random resized crop, stretched back to the full size</source>
      <extracomment>augmentation crop: help</extracomment>
      <translation>随机缩放裁剪，再拉伸回原尺寸</translation>
    </message>
    <message>
      <source>share of the image area that may be cut away (0.6: keep 40-100%)</source>
      <extracomment>augmentation crop: strength</extracomment>
      <translation>最多可裁掉的图像面积比例（0.6：保留 40-100%）</translation>
    </message>
    <message>
      <source>flip</source>
      <extracomment>augmentation flip: name</extracomment>
      <translation>翻转</translation>
    </message>
    <message>
      <source>mirror left-right (off for digits: a mirrored 2 is no digit)</source>
      <extracomment>augmentation flip: help</extracomment>
      <translation>左右镜像（数字要关掉：镜像的 2 不是数字）</translation>
    </message>
    <message>
      <source>unused (a flip is a flip)</source>
      <extracomment>augmentation flip: strength</extracomment>
      <translation>不使用（翻转就是翻转）</translation>
    </message>
    <message>
      <source>rotate</source>
      <extracomment>augmentation rotate: name</extracomment>
      <translation>旋转</translation>
    </message>
    <message>
      <source>rotate about the centre</source>
      <extracomment>augmentation rotate: help</extracomment>
      <translation>绕中心旋转</translation>
    </message>
    <message>
      <source>largest rotation, in degrees either way</source>
      <extracomment>augmentation rotate: strength</extracomment>
      <translation>最大旋转角度（度，向左右两侧）</translation>
    </message>
    <message>
      <source>jitter</source>
      <extracomment>augmentation jitter: name</extracomment>
      <translation>颜色抖动</translation>
    </message>
    <message>
      <source>brightness and contrast jitter</source>
      <extracomment>augmentation jitter: help</extracomment>
      <translation>亮度与对比度抖动</translation>
    </message>
    <message>
      <source>largest brightness shift and contrast change (0.4: +-40%)</source>
      <extracomment>augmentation jitter: strength</extracomment>
      <translation>亮度偏移与对比度变化的最大幅度（0.4：±40%）</translation>
    </message>
    <message>
      <source>blur</source>
      <extracomment>augmentation blur: name</extracomment>
      <translation>模糊</translation>
    </message>
    <message>
      <source>Gaussian blur</source>
      <extracomment>augmentation blur: help</extracomment>
      <translation>高斯模糊</translation>
    </message>
    <message>
      <source>largest Gaussian blur sigma, in pixels</source>
      <extracomment>augmentation blur: strength</extracomment>
      <translation>高斯模糊的最大 sigma（像素）</translation>
    </message>
    <message>
      <source>add Gaussian noise</source>
      <extracomment>augmentation noise: help</extracomment>
      <translation>添加高斯噪声</translation>
    </message>
    <message>
      <source>standard deviation of added Gaussian noise</source>
      <extracomment>augmentation noise: strength</extracomment>
      <translation>所加高斯噪声的标准差</translation>
    </message>
    <message>
      <source>erase</source>
      <extracomment>augmentation erase: name</extracomment>
      <translation>擦除</translation>
    </message>
    <message>
      <source>random erasing: black out one rectangle</source>
      <extracomment>augmentation erase: help</extracomment>
      <translation>随机擦除：把一个矩形涂黑</translation>
    </message>
    <message>
      <source>largest share of the image area erased by a rectangle</source>
      <extracomment>augmentation erase: strength</extracomment>
      <translation>矩形擦除的最大面积比例</translation>
    </message>
    <message>
      <source>share of the images it is applied to</source>
      <extracomment>augmentation: probability</extracomment>
      <translation>应用到的图像比例</translation>
    </message>
    <message>
      <source>5,000 MNIST digits, 28x28 grey (bundled)</source>
      <extracomment>data set description (embedded.py)</extracomment>
      <translation>5,000 张 MNIST 手写数字，28x28 灰度（内置）</translation>
    </message>
    <message>
      <source>1,797 scikit-learn digits, 8x8 grey (bundled with scikit-learn)</source>
      <extracomment>data set description (embedded.py)</extracomment>
      <translation>1,797 张 scikit-learn 手写数字，8x8 灰度（随 scikit-learn 提供）</translation>
    </message>
    <message>
      <source>a ring of 8 Gaussians, 2-D points (Metz et al. 2017)</source>
      <extracomment>data set description (points.py)</extracomment>
      <translation>环上的 8 个高斯分布，二维点（Metz et al. 2017）</translation>
    </message>
    <message>
      <source>a 5x5 grid of Gaussians, 2-D points (VEEGAN, PacGAN)</source>
      <extracomment>data set description (points.py)</extracomment>
      <translation>5x5 网格上的高斯分布，二维点（VEEGAN、PacGAN）</translation>
    </message>
    <message>
      <source>two moons, 2-D points (scikit-learn's make_moons)</source>
      <extracomment>data set description (points.py)</extracomment>
      <translation>两个月牙，二维点（scikit-learn 的 make_moons）</translation>
    </message>
    <message>
      <source>t-SNE perplexity: roughly how many neighbours each point keeps close; small values show local clumps, large ones more of the global shape (Wattenberg et al., Distill 2016)</source>
      <extracomment>map setting perplexity: help</extracomment>
      <translation>t-SNE 困惑度 (perplexity)：大致是每个点保持靠近的邻居数；取值小显示局部的小团，取值大显示更多全局形状 (Wattenberg et al., Distill 2016)</translation>
    </message>
    <message>
      <source>UMAP n_neighbors: how many neighbours each point's neighbourhood is built from; small values show fine local structure, large ones the overall layout</source>
      <extracomment>map setting n_neighbors: help</extracomment>
      <translation>UMAP n_neighbors：构建每个点邻域所用的邻居数；取值小显示细致的局部结构，取值大显示整体布局</translation>
    </message>
    <message>
      <source>UMAP min_dist: how close points may sit on the map; small values pack clusters tightly, large ones spread them out evenly</source>
      <extracomment>map setting min_dist: help</extracomment>
      <translation>UMAP min_dist：点在图上可以靠得多近；取值小把簇压得紧密，取值大把点均匀铺开</translation>
    </message>
    <message>
      <source>top row: held-out images of A; middle: G's translations to B; bottom: F's translations of those back to A. Without the cycle loss the bottom row need not match the top</source>
      <extracomment>cyclegan: ImageGrid help</extracomment>
      <translation>上行：域 A 中未见过的图像；中行：G 转换到 B 的结果；下行：F 再把它们转换回 A 的结果。没有循环一致性损失时，下行不必与上行相符</translation>
    </message>
    <message>
      <source>top row: held-out images of B; middle: F's translations to A; bottom: G's translations of those back to B</source>
      <extracomment>cyclegan: ImageGrid help</extracomment>
      <translation>上行：域 B 中未见过的图像；中行：F 转换到 A 的结果；下行：G 再把它们转换回 B 的结果</translation>
    </message>
    <message>
      <source>class kept, A → B</source>
      <extracomment>cyclegan: Value title</extracomment>
      <translation>保留类别的比例，A → B</translation>
    </message>
    <message>
      <source>the share of 200 held-out images of A whose translation to B a classifier trained on B's images puts in their own class: near 1 when translations keep what they show, near chance when they do not</source>
      <extracomment>cyclegan: Value help</extracomment>
      <translation>在域 A 的 200 张未见过的图像中，其转换到 B 的结果被一个在 B 的图像上训练的分类器判为原类别的比例：转换保留了图像内容时接近 1，没有保留时接近随机猜测</translation>
    </message>
    <message>
      <source>class kept over training</source>
      <extracomment>cyclegan: Curves title</extracomment>
      <translation>训练过程中保留类别的比例</translation>
    </message>
    <message>
      <source>share kept</source>
      <extracomment>cyclegan: Curves axis</extracomment>
      <translation>保留比例</translation>
    </message>
    <message>
      <source>chance</source>
      <extracomment>cyclegan: Curves reference_label</extracomment>
      <translation>随机水平</translation>
    </message>
    <message>
      <source>D's probability of real, for the data's points and for samples of fixed noise</source>
      <extracomment>gan: Histograms title</extracomment>
      <translation>D 判断为真的概率：数据的点与固定噪声的样本</translation>
    </message>
    <message>
      <source>D's probability of real, for held-out images and for samples of fixed noise</source>
      <extracomment>gan: Histograms title</extracomment>
      <translation>判别器判为真实的概率：未见过的图像与固定噪声的样本</translation>
    </message>
    <message>
      <source>a sure discriminator puts real images near 1 and samples near 0; when the two overlap near 0.5 it can no longer tell them apart</source>
      <extracomment>gan: Histograms help</extracomment>
      <translation>有把握的判别器把真实图像放在 1 附近、样本放在 0 附近；当两者在 0.5 附近重叠时，它已分辨不出它们</translation>
    </message>
    <message>
      <source>generated</source>
      <extracomment>gan: Histograms series</extracomment>
      <translation>生成</translation>
    </message>
    <message>
      <source>mean D(real)</source>
      <extracomment>gan: Value title</extracomment>
      <translation>D(real) 的平均值</translation>
    </message>
    <message>
      <source>the discriminator's mean probability of real on held-out real images</source>
      <extracomment>gan: Value help</extracomment>
      <translation>判别器在留出的真实图像上给出的“真实”概率的平均值</translation>
    </message>
    <message>
      <source>mean D(fake)</source>
      <extracomment>gan: Value title</extracomment>
      <translation>D(fake) 的平均值</translation>
    </message>
    <message>
      <source>the discriminator's mean probability of real on the samples of fixed noise</source>
      <extracomment>gan: Value help</extracomment>
      <translation>判别器在固定噪声的样本上给出的“真实”概率的平均值</translation>
    </message>
    <message>
      <source>samples of fixed noise, the same z each time</source>
      <extracomment>image_generator: ImageGrid title</extracomment>
      <translation>固定噪声的样本（每次同一组 z）</translation>
    </message>
    <message>
      <source>the generator's images of the same noise vectors at every update: watch the same samples sharpen as it trains</source>
      <extracomment>image_generator: ImageGrid help</extracomment>
      <translation>每次更新时生成器对同一组噪声向量生成的图像：看着同一批样本随训练变得清晰</translation>
    </message>
    <message>
      <source>interpolation between two fixed noise vectors, a row per pair</source>
      <extracomment>image_generator: ImageGrid title</extracomment>
      <translation>两个固定噪声向量之间的插值，每对一行</translation>
    </message>
    <message>
      <source>each row walks from one noise vector to another (along the sphere): a smooth change means the generator has learnt a continuous space, not memorised images</source>
      <extracomment>image_generator: ImageGrid help</extracomment>
      <translation>每一行从一个噪声向量走到另一个（沿球面）：变化平滑说明生成器学到的是连续的空间，而不是记住了图像</translation>
    </message>
    <message>
      <source>real and generated points over the discriminator's map</source>
      <extracomment>point_figures: PointField title</extracomment>
      <translation>判别器的分布图上的真实点与生成的点</translation>
    </message>
    <message>
      <source>real points, the generator's points of fixed noise, and behind them the discriminator's (or critic's) value; each arrow shows which way the generator's gradient pushes its point</source>
      <extracomment>point_figures: PointField help</extracomment>
      <translation>真实的点、生成器由固定噪声生成的点，以及背后判别器（或评论器 (critic)）的取值；每个箭头表示生成器的梯度把该点推向哪个方向</translation>
    </message>
    <message>
      <source>modes covered</source>
      <extracomment>point_figures: Value title</extracomment>
      <translation>覆盖的模式数</translation>
    </message>
    <message>
      <source>modes with at least a tenth of their fair share of the generated points within 3 standard deviations of their centre (Metz et al. 2017; VEEGAN; PacGAN)</source>
      <extracomment>point_figures: Value help</extracomment>
      <translation>在中心 3 个标准差以内至少有其应得份额十分之一的生成点的模式数（Metz et al. 2017；VEEGAN；PacGAN）</translation>
    </message>
    <message>
      <source>high-quality share</source>
      <extracomment>point_figures: Value title</extracomment>
      <translation>高质量样本占比</translation>
    </message>
    <message>
      <source>the share of generated points within 3 standard deviations of the nearest mode (VEEGAN)</source>
      <extracomment>point_figures: Value help</extracomment>
      <translation>距最近模式中心 3 个标准差以内的生成点所占比例（VEEGAN）</translation>
    </message>
    <message>
      <source>the critic's scores of the data's points and of samples of fixed noise</source>
      <extracomment>wgan_gp: Histograms title</extracomment>
      <translation>评论器 (critic) 对数据的点与固定噪声样本的打分</translation>
    </message>
    <message>
      <source>the critic's scores of held-out images and of samples of fixed noise</source>
      <extracomment>wgan_gp: Histograms title</extracomment>
      <translation>评论器对未见过的图像和固定噪声样本的打分</translation>
    </message>
    <message>
      <source>the further the samples' scores sit below the real images', the more the critic tells them apart; the gap is its estimate of the Wasserstein distance</source>
      <extracomment>wgan_gp: Histograms help</extracomment>
      <translation>样本的分数比真实图像的低得越多，评论器就越能把它们分开；两者之差就是它对 Wasserstein 距离的估计</translation>
    </message>
    <message>
      <source>critic score D(x)</source>
      <extracomment>wgan_gp: Histograms axis</extracomment>
      <translation>评论器分数 D(x)</translation>
    </message>
    <message>
      <source>Wasserstein estimate, E[D(real)] - E[D(fake)]</source>
      <extracomment>wgan_gp: Value title</extracomment>
      <translation>Wasserstein 距离估计，E[D(real)] - E[D(fake)]</translation>
    </message>
    <message>
      <source>the critic's estimate of the distance between real and generated images on this batch: it falls as the samples improve</source>
      <extracomment>wgan_gp: Value help</extracomment>
      <translation>评论器 (critic) 在这批图像上对真实图像与生成图像之间距离的估计：样本变好时它会下降</translation>
    </message>
    <message>
      <source>squared distance to the centre c: held-out images and uniform noise</source>
      <extracomment>deep_svdd: Histograms title</extracomment>
      <translation>到中心 c 的平方距离：留出图像与均匀噪声</translation>
    </message>
    <message>
      <source>each image's anomaly score: training pulls the normal images in towards c, so images unlike them, such as noise, should land further out, to the right</source>
      <extracomment>deep_svdd: Histograms help</extracomment>
      <translation>每张图像的异常分数：训练把正常图像拉向 c，所以与它们不同的图像（例如噪声）应该落得更远，也就是更靠右</translation>
    </message>
    <message>
      <source>held-out images</source>
      <extracomment>deep_svdd: Histograms series</extracomment>
      <translation>未见过的图像</translation>
    </message>
    <message>
      <source>uniform noise</source>
      <extracomment>deep_svdd: Histograms series</extracomment>
      <translation>均匀噪声</translation>
    </message>
    <message>
      <source>log10 of the squared distance to c</source>
      <extracomment>deep_svdd: Histograms axis</extracomment>
      <translation>到 c 的平方距离的 log10</translation>
    </message>
    <message>
      <source>mean squared distance to c of held-out images</source>
      <extracomment>deep_svdd: Value title</extracomment>
      <translation>留出图像到 c 的平均平方距离</translation>
    </message>
    <message>
      <source>the one-class loss on images the model has not trained on: it falls as the hypersphere around the normal images tightens</source>
      <extracomment>deep_svdd: Value help</extracomment>
      <translation>模型没有训练过的图像上的单类 (one-class) 损失：正常图像周围的超球收得越紧，它就越低</translation>
    </message>
    <message>
      <source>held-out images nearest to c (top row) and furthest from it (bottom row)</source>
      <extracomment>deep_svdd: ImageGrid title</extracomment>
      <translation>离 c 最近（上一行）和最远（下一行）的留出图像</translation>
    </message>
    <message>
      <source>each caption is the image's anomaly score, its squared distance to c: the bottom row holds the held-out images the model finds most unusual</source>
      <extracomment>deep_svdd: ImageGrid help</extracomment>
      <translation>每张图像上方的数字是它的异常分数，即到 c 的平方距离：下一行是模型认为最不寻常的留出图像</translation>
    </message>
    <message>
      <source>queue fill</source>
      <extracomment>moco: Value title</extracomment>
      <translation>队列填充</translation>
    </message>
    <message>
      <source>error of each hidden patch, mean over images</source>
      <extracomment>mae: Heatmap title</extracomment>
      <translation>各隐藏图块的误差（对图像取平均）</translation>
    </message>
    <message>
      <source>squared error of the reconstruction in each patch, where it was hidden</source>
      <extracomment>mae: Heatmap help</extracomment>
      <translation>每个图块被隐藏时的重建平方误差</translation>
    </message>
    <message>
      <source>patches</source>
      <extracomment>mae: Value title</extracomment>
      <translation>图块</translation>
    </message>
    <message>
      <source>hidden patches</source>
      <extracomment>mae: MaskGrid title</extracomment>
      <translation>隐藏的图块</translation>
    </message>
    <message>
      <source>click patches to hide or show them; the reconstruction follows</source>
      <extracomment>mae: MaskGrid help</extracomment>
      <translation>点击图块来隐藏或显示；重建随之更新</translation>
    </message>
    <message>
      <source>with this mask</source>
      <extracomment>mae: ImageGrid title</extracomment>
      <translation>用这个掩码</translation>
    </message>
    <message>
      <source>reconstruction + visible</source>
      <extracomment>mae: ImageGrid captions</extracomment>
      <translation>重建 + 可见图块</translation>
    </message>
    <message>
      <source>rotated images: true → predicted angle (red: wrong)</source>
      <extracomment>rotation: ImageGrid title</extracomment>
      <translation>旋转后的图像：真实 → 预测角度（红色：错误）</translation>
    </message>
    <message>
      <source>rotation accuracy on these images</source>
      <extracomment>rotation: Value title</extracomment>
      <translation>这些图像上的旋转预测准确率</translation>
    </message>
    <message>
      <source>KL per dimension, nats (near 0: unused)</source>
      <extracomment>vae: Bars title</extracomment>
      <translation>每维的 KL（奈特；接近 0：未使用）</translation>
    </message>
    <message>
      <source>how much each code dimension tells the decoder about the image</source>
      <extracomment>vae: Bars help</extracomment>
      <translation>每个编码维度向解码器传递了多少关于图像的信息</translation>
    </message>
    <message>
      <source>decoded samples of the prior N(0, I), the same z each time</source>
      <extracomment>vae: ImageGrid title</extracomment>
      <translation>从先验 N(0, I) 采样并解码（每次同一组 z）</translation>
    </message>
    <message>
      <source>traversal of image 0: z from -2.5 to 2.5, a row per dimension</source>
      <extracomment>vae: ImageGrid title</extracomment>
      <translation>图像 0 的遍历：z 从 -2.5 到 2.5，每维一行</translation>
    </message>
    <message>
      <source>dimensions in use (KL &gt; 0.1 nats)</source>
      <extracomment>vae: Value title</extracomment>
      <translation>在用的维度（KL &gt; 0.1 奈特）</translation>
    </message>
    <message>
      <source>traversal rows (most KL first)</source>
      <extracomment>vae: Value title</extracomment>
      <translation>遍历的行（KL 最大的在前）</translation>
    </message>
    <message>
      <source>decoded from the grid</source>
      <extracomment>vqvae: ImageGrid title</extracomment>
      <translation>由网格解码</translation>
    </message>
    <message>
      <source>code usage on these images (click a bar)</source>
      <extracomment>vqvae: Bars title</extracomment>
      <translation>这些图像上的编码使用情况（可点击柱条）</translation>
    </message>
    <message>
      <source>how many grid cells of these images pick each code; red: no image uses it</source>
      <extracomment>vqvae: Bars help</extracomment>
      <translation>这些图像的网格中有多少格选用了各个编码；红色：没有图像使用它</translation>
    </message>
    <message>
      <source>perplexity</source>
      <extracomment>vqvae: Value title</extracomment>
      <translation>困惑度</translation>
    </message>
    <message>
      <source>codes unused lately</source>
      <extracomment>vqvae: Value title</extracomment>
      <translation>近来未用的编码</translation>
    </message>
    <message>
      <source>code grids</source>
      <extracomment>vqvae: CodeGrid title</extracomment>
      <translation>编码网格</translation>
    </message>
    <message>
      <source>edit an image's grid of codes and decode it</source>
      <extracomment>vqvae: CodeGrid help</extracomment>
      <translation>编辑一张图像的编码网格并解码</translation>
    </message>
    <message>
      <source>cross-correlation (goal: identity)</source>
      <extracomment>barlow_twins: Heatmap title</extracomment>
      <translation>互相关矩阵（目标：单位矩阵）</translation>
    </message>
    <message>
      <source>covariance of view 1's projection (off-diagonal: penalised)</source>
      <extracomment>vicreg: Heatmap title</extracomment>
      <translation>视图 1 投影的协方差（非对角线受惩罚）</translation>
    </message>
    <message>
      <source>loss terms on these images, weighted</source>
      <extracomment>vicreg: Bars title</extracomment>
      <translation>这些图像上的各损失项（已加权）</translation>
    </message>
    <message>
      <source>each term as it enters the loss: weight x term</source>
      <extracomment>vicreg: Bars help</extracomment>
      <translation>每一项计入损失时的值：权重 × 项</translation>
    </message>
    <message>
      <source>invariance</source>
      <extracomment>vicreg: Bars names</extracomment>
      <translation>不变性</translation>
    </message>
    <message>
      <source>variance</source>
      <extracomment>vicreg: Bars names</extracomment>
      <translation>方差</translation>
    </message>
    <message>
      <source>variance (off)</source>
      <extracomment>vicreg: Bars names</extracomment>
      <translation>方差（关闭）</translation>
    </message>
    <message>
      <source>covariance</source>
      <extracomment>vicreg: Bars names</extracomment>
      <translation>协方差</translation>
    </message>
    <message>
      <source>similarity of view 1 (rows) and view 2 (columns)</source>
      <extracomment>siamese: Heatmap title</extracomment>
      <translation>视图 1（行）与视图 2（列）的相似度</translation>
    </message>
    <message>
      <source>cosine similarity of the projections; the diagonal pairs two views of one image</source>
      <extracomment>siamese: Heatmap help</extracomment>
      <translation>投影的余弦相似度；对角线上是同一图像的两个视图（正样本）</translation>
    </message>
    <message>
      <source>squared distance to the hypersphere's centre (Deep SVDD)</source>
      <extracomment>engine/analysis/anomaly.py</extracomment>
      <translation>到超球面中心的平方距离（Deep SVDD）</translation>
    </message>
    <message>
      <source>reconstruction error (mean squared, per pixel)</source>
      <extracomment>engine/analysis/anomaly.py</extracomment>
      <translation>重建误差（每个像素的均方误差）</translation>
    </message>
    <message>
      <source>negative ELBO (reconstruction + KL, nats)</source>
      <extracomment>engine/analysis/anomaly.py</extracomment>
      <translation>负 ELBO（重建 + KL，单位 nats）</translation>
    </message>
    <message>
      <source>distance to the k-th nearest training embedding</source>
      <extracomment>engine/analysis/anomaly.py</extracomment>
      <translation>到第 k 个最近的训练嵌入的距离</translation>
    </message>
    <message>
      <source>the score '{kind}' does not apply to {method}; it takes: {kinds}</source>
      <extracomment>engine/analysis/anomaly.py</extracomment>
      <translation>分数“{kind}”不适用于 {method}；它可用：{kinds}</translation>
    </message>
    <message>
      <source>the kNN score needs the embeddings of training images to measure against</source>
      <extracomment>engine/analysis/anomaly.py</extracomment>
      <translation>kNN 分数需要训练图像的嵌入作为比较对象</translation>
    </message>
    <message>
      <source>the kNN score needs at least one training embedding to measure against</source>
      <extracomment>engine/analysis/anomaly.py</extracomment>
      <translation>kNN 分数至少需要一个训练嵌入作为比较对象</translation>
    </message>
    <message>
      <source>embeddings of size {got} cannot be measured against a bank of size {bank}</source>
      <extracomment>engine/analysis/anomaly.py</extracomment>
      <translation>大小为 {got} 的嵌入无法与大小为 {bank} 的嵌入库比较</translation>
    </message>
    <message>
      <source>k must be at least 1, not {k}</source>
      <extracomment>engine/analysis/anomaly.py</extracomment>
      <translation>k 至少为 1，而不是 {k}</translation>
    </message>
    <message>
      <source>{method} gave no reconstruction to score</source>
      <extracomment>engine/analysis/anomaly.py</extracomment>
      <translation>{method} 没有给出可以评分的重建</translation>
    </message>
    <message>
      <source>compression takes images of shape (N, C, H, W) with 1 or 3 channels, not {shape}</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>压缩需要形状为 (N, C, H, W)、1 或 3 个通道的图像，而不是 {shape}</translation>
    </message>
    <message>
      <source>there are no images to compress</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>没有可压缩的图像</translation>
    </message>
    <message>
      <source>images must be at least {side}x{side} pixels for SSIM, not {h}x{w}</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>计算 SSIM 的图像至少要 {side}x{side} 像素，而不是 {h}x{w}</translation>
    </message>
    <message>
      <source>the images hold values that are not finite numbers</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>图像中含有不是有限数值的值</translation>
    </message>
    <message>
      <source>pixel values must lie in [0, 1]; these span {low:.3g} to {high:.3g}</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>像素值必须在 [0, 1] 之内；这些图像的像素值从 {low:.3g} 到 {high:.3g}</translation>
    </message>
    <message>
      <source>a JPEG quality must be a whole number from 1 to 95, not {quality}</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>JPEG 质量必须是 1 到 95 之间的整数，而不是 {quality}</translation>
    </message>
    <message>
      <source>give at least one JPEG quality (1 to 95)</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>请至少给出一个 JPEG 质量（1 到 95）</translation>
    </message>
    <message>
      <source>'{kind}' is not a kind of code; choose one of: {kinds}</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>“{kind}”不是一种表示（code）；请选择其中之一：{kinds}</translation>
    </message>
    <message>
      <source>a code needs at least one number, not {dim} in {cells} cells</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>表示（code）至少需要一个数，而不是 {cells} 个格子中的 {dim} 个</translation>
    </message>
    <message>
      <source>{method} has no code to compress with: it does not rebuild images from a code</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>{method} 没有可用于压缩（Compression）的表示（code）：它不从表示重建图像</translation>
    </message>
    <message>
      <source>{method} has no codebook, so its code is not a VQ grid</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>{method} 没有码本（Codebook），所以它的表示不是 VQ 网格</translation>
    </message>
    <message>
      <source>{cells} cells × log2 {k} = {bits:g} bits</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>{cells} 个格子 × log2 {k} = {bits:g} 比特</translation>
    </message>
    <message>
      <source>{method}'s code is a grid of codebook indices; count it as vq</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>{method} 的表示是码本（Codebook）索引的网格；请按 vq 计算</translation>
    </message>
    <message>
      <source>{groups} groups of one of {k} values (one-hot): {bits:.3g} bits</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>{groups} 组、每组 {k} 个值取其一（one-hot）：{bits:.3g} 比特</translation>
    </message>
    <message>
      <source>{dim} real numbers × {float_bits} bits</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>{dim} 个实数 × {float_bits} 比特</translation>
    </message>
    <message>
      <source>{dim} binary digits</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>{dim} 个二进制 (Binary) 位</translation>
    </message>
    <message>
      <source>{method} was trained on images of shape {expected}, not {found}</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>{method} 是在形状为 {expected} 的图像上训练的，而不是 {found}</translation>
    </message>
    <message>
      <source>there is no point {index} on the curve {name}: it has {count} points</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>曲线 {name} 上没有第 {index} 个点：它只有 {count} 个点</translation>
    </message>
    <message>
      <source>the images at a point of {name} need its trained method</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>查看 {name} 某个点上的图像需要它训练好的方法</translation>
    </message>
    <message>
      <source>JPEG q={quality}</source>
      <extracomment>engine/analysis/compression.py</extracomment>
      <translation>JPEG 质量 q={quality}</translation>
    </message>
    <message>
      <source>MIG from {bins} equal-width bins per code dimension (as disentanglement_lib); SAP from threshold classifiers on one dimension (balanced accuracy); DCI from gradient-boosted trees ({stages} stages, depth {depth}); SAP and DCI fit on half the codes and score on the other half</source>
      <extracomment>engine/analysis/disentanglement.py</extracomment>
      <translation>MIG 把每个编码维度分成 {bins} 个等宽的箱（与 disentanglement_lib 相同）；SAP 用单个维度上的阈值分类器（平衡准确率）；DCI 用梯度提升树（{stages} 轮，深度 {depth}）；SAP 和 DCI 在一半编码上拟合，在另一半上评分</translation>
    </message>
    <message>
      <source>disentanglement scores need at least 2 codes of at least 2 dimensions, as rows of a matrix; these codes are of shape {shape}</source>
      <extracomment>engine/analysis/disentanglement.py</extracomment>
      <translation>解耦 (disentanglement) 分数至少需要 2 个编码、每个至少 2 维，按矩阵的行排列；这些编码的形状是 {shape}</translation>
    </message>
    <message>
      <source>{n} codes but factors of shape {shape}: each code needs the factors of its image, one row per code</source>
      <extracomment>engine/analysis/disentanglement.py</extracomment>
      <translation>有 {n} 个编码，但因素的形状是 {shape}：每个编码都需要它那张图像的因素，每个编码一行</translation>
    </message>
    <message>
      <source>{count} code values are not finite numbers (NaN or infinity): the encoder has probably diverged</source>
      <extracomment>engine/analysis/disentanglement.py</extracomment>
      <translation>有 {count} 个编码值不是有限数（NaN 或无穷大）：编码器多半已经发散</translation>
    </message>
    <message>
      <source>{count} factor values are not finite numbers (NaN or infinity)</source>
      <extracomment>engine/analysis/disentanglement.py</extracomment>
      <translation>有 {count} 个因素值不是有限数（NaN 或无穷大）</translation>
    </message>
    <message>
      <source>{names} factor names for {count} factors</source>
      <extracomment>engine/analysis/disentanglement.py</extracomment>
      <translation>{count} 个因素却给了 {names} 个因素名</translation>
    </message>
    <message>
      <source>no factor varies among these {n} codes: disentanglement scores need factors that take at least 2 values</source>
      <extracomment>engine/analysis/disentanglement.py</extracomment>
      <translation>在这 {n} 个编码中没有一个因素在变化：解耦分数需要至少取 2 个值的因素</translation>
    </message>
    <message>
      <source>factor {name} takes a single value among these codes and is left out</source>
      <extracomment>engine/analysis/disentanglement.py</extracomment>
      <translation>因素 {name} 在这些编码中只取一个值，因此不计入</translation>
    </message>
    <message>
      <source>factor {index}</source>
      <extracomment>engine/analysis/disentanglement.py</extracomment>
      <translation>因素 {index}</translation>
    </message>
    <message>
      <source>effective rank {rank:.1f} of {dim}</source>
      <extracomment>engine/analysis/evaluate.py</extracomment>
      <translation>有效秩 {rank:.1f}（共 {dim} 维）</translation>
    </message>
    <message>
      <source>spread {spread:.0%} of that of random directions</source>
      <extracomment>engine/analysis/evaluate.py</extracomment>
      <translation>分散程度为随机方向的 {spread:.0%}</translation>
    </message>
    <message>
      <source>Collapsed: {rank}, {spread}. The embeddings lie on (nearly) one line or point: the encoder no longer tells images apart.</source>
      <extracomment>engine/analysis/evaluate.py</extracomment>
      <translation>已坍塌 (Collapse)：{rank}，{spread}。表示 (Embedding) 落在（几乎）一条线或一个点上：编码器已分不清不同的图像。</translation>
    </message>
    <message>
      <source>Collapsing: {rank} (best in this run {best_rank:.1f}), {spread} (best {best_spread:.0%}). The embeddings are drawing together.</source>
      <extracomment>engine/analysis/evaluate.py</extracomment>
      <translation>正在坍塌 (Collapse)：{rank}（本次训练最高 {best_rank:.1f}），{spread}（最高 {best_spread:.0%}）。表示 (Embedding) 正在相互靠拢。</translation>
    </message>
    <message>
      <source>Collapsing: {rank}, and the embeddings have shrunk to {share:.0%} of their size earlier in this run: they are drawing together to one point.</source>
      <extracomment>engine/analysis/evaluate.py</extracomment>
      <translation>正在坍塌 (Collapse)：{rank}，且表示 (Embedding) 已缩小到本次训练早先大小的 {share:.0%}：它们正向一个点靠拢。</translation>
    </message>
    <message>
      <source>Collapsing: {rank}. The embeddings use only a few of their dimensions.</source>
      <extracomment>engine/analysis/evaluate.py</extracomment>
      <translation>正在坍塌 (Collapse)：{rank}。表示 (Embedding) 只用到了少数几个维度。</translation>
    </message>
    <message>
      <source>Not spread out yet: effective rank {rank:.1f} of {dim}, spread {spread:.0%} of that of random directions, as an untrained network's outputs are. Training should spread them; if it does not, the method has collapsed.</source>
      <extracomment>engine/analysis/evaluate.py</extracomment>
      <translation>尚未分散开：有效秩 {rank:.1f}（共 {dim} 维），分散程度为随机方向的 {spread:.0%}，未训练网络的输出就是这样。训练应当让它们分散开；如果没有，说明该方法已坍塌 (Collapse)。</translation>
    </message>
    <message>
      <source>the two Gaussians of a Fréchet distance must have the same dimension: means {a} and {b}, covariances {c} and {e}</source>
      <extracomment>engine/analysis/generative_quality.py</extracomment>
      <translation>Fréchet 距离的两个高斯分布必须维度相同：均值为 {a} 和 {b}，协方差为 {c} 和 {e}</translation>
    </message>
    <message>
      <source>a Fréchet distance needs at least 2 feature vectors on each side, as rows of a matrix; these are of shape {shape}</source>
      <extracomment>engine/analysis/generative_quality.py</extracomment>
      <translation>Fréchet 距离每一侧至少需要 2 个特征向量（作为矩阵的行）；这些的形状是 {shape}</translation>
    </message>
    <message>
      <source>class guesses must be labels 0..{last} (one per sample) or a row of {n} probabilities per sample</source>
      <extracomment>engine/analysis/generative_quality.py</extracomment>
      <translation>类别猜测必须是标签 0..{last}（每个样本一个），或每个样本一行 {n} 个概率</translation>
    </message>
    <message>
      <source>{n} translated images but {m} source labels</source>
      <extracomment>engine/analysis/generative_quality.py</extracomment>
      <translation>有 {n} 张转换后的图像，但有 {m} 个源标签</translation>
    </message>
    <message>
      <source>judging a generator needs at least 2 generated and 4 held-out images, not {n} and {m}</source>
      <extracomment>engine/analysis/generative_quality.py</extracomment>
      <translation>评判生成器至少需要 2 张生成图像和 4 张留出图像，而不是 {n} 和 {m}</translation>
    </message>
    <message>
      <source>the judge classifier could not be saved to {path} ({e}); it will be trained again next time</source>
      <extracomment>engine/analysis/judge.py</extracomment>
      <translation>评判分类器无法保存到 {path}（{e}）；下次会重新训练它</translation>
    </message>
    <message>
      <source>the data set '{name}' holds no images, so no classifier can judge images generated from it</source>
      <extracomment>engine/analysis/judge.py</extracomment>
      <translation>数据集“{name}”中没有图像，因此没有分类器能评判由它生成的图像</translation>
    </message>
    <message>
      <source>the data set '{name}' has no labels (one class at most), so no classifier can be trained to judge the images generated from it. Choose a labelled data set: mnist5k, digits or sprites, or a folder with a sub-folder per class</source>
      <extracomment>engine/analysis/judge.py</extracomment>
      <translation>数据集“{name}”没有标签（至多一个类别），因此无法训练分类器来评判由它生成的图像。请选择带标签的数据集：mnist5k、digits 或 sprites，或每个类别一个子文件夹的文件夹</translation>
    </message>
    <message>
      <source>the judge of {name} takes images of shape {expected}, not {found}</source>
      <extracomment>engine/analysis/judge.py</extracomment>
      <translation>{name} 的评判分类器接受形状为 {expected} 的图像，而不是 {found}</translation>
    </message>
    <message>
      <source>the cached judge classifier {file} could not be used ({reason}); it was trained again</source>
      <extracomment>engine/analysis/judge.py</extracomment>
      <translation>缓存的评判分类器 {file} 无法使用（{reason}）；已重新训练</translation>
    </message>
    <message>
      <source>a whole number</source>
      <extracomment>engine/analysis/map_settings.py</extracomment>
      <translation>整数</translation>
    </message>
    <message>
      <source>a number</source>
      <extracomment>engine/analysis/map_settings.py</extracomment>
      <translation>数字</translation>
    </message>
    <message>
      <source>{name} must be {kind}, not {value}</source>
      <extracomment>engine/analysis/map_settings.py</extracomment>
      <translation>{name} 必须是{kind}，而不是 {value}</translation>
    </message>
    <message>
      <source>{name} must be between {lo:g} and {hi:g}, not {value}</source>
      <extracomment>engine/analysis/map_settings.py</extracomment>
      <translation>{name} 必须在 {lo:g} 到 {hi:g} 之间，而不是 {value}</translation>
    </message>
    <message>
      <source>uniform noise, {shape}</source>
      <extracomment>engine/analysis/ood_sets.py</extracomment>
      <translation>均匀噪声，{shape}</translation>
    </message>
    <message>
      <source>an out-of-distribution set needs at least 1 image, not {n}</source>
      <extracomment>engine/analysis/ood_sets.py</extracomment>
      <translation>分布外 (out-of-distribution) 集合至少需要 1 张图像，而不是 {n}</translation>
    </message>
    <message>
      <source>{name}'s held-out images, inverted (1 - x)</source>
      <extracomment>engine/analysis/ood_sets.py</extracomment>
      <translation>{name} 的留出图像，取反 (1 - x)</translation>
    </message>
    <message>
      <source>out-of-distribution sets are made for data sets of images; {name} holds {kind}</source>
      <extracomment>engine/analysis/ood_sets.py</extracomment>
      <translation>分布外集合是为图像数据集准备的；{name} 装的是 {kind}</translation>
    </message>
    <message>
      <source>{name} has no class '{text}'; its classes are {classes} (by index or name)</source>
      <extracomment>engine/analysis/ood_sets.py</extracomment>
      <translation>{name} 没有类别“{text}”；它的类别是 {classes}（按序号或名称）</translation>
    </message>
    <message>
      <source>{name}'s held-out images of class {cls}, left out of training</source>
      <extracomment>engine/analysis/ood_sets.py</extracomment>
      <translation>{name} 中类别 {cls} 的留出图像，训练时未使用</translation>
    </message>
    <message>
      <source>{name} holds no held-out images of class {k} ({cls})</source>
      <extracomment>engine/analysis/ood_sets.py</extracomment>
      <translation>{name} 没有类别 {k}（{cls}）的留出图像</translation>
    </message>
    <message>
      <source>{name} images</source>
      <extracomment>engine/analysis/ood_sets.py</extracomment>
      <translation>{name} 图像</translation>
    </message>
    <message>
      <source>{name} images, resized from {source} to {target}</source>
      <extracomment>engine/analysis/ood_sets.py</extracomment>
      <translation>{name} 图像，尺寸从 {source} 调整为 {target}</translation>
    </message>
    <message>
      <source>unknown out-of-distribution set '{name}' for {like}. Choose one of: {names}</source>
      <extracomment>engine/analysis/ood_sets.py</extracomment>
      <translation>{like} 没有名为“{name}”的分布外集合。请从以下选择：{names}</translation>
    </message>
    <message>
      <source>{name} does not know the class of its images, so nothing can tell whether a translation keeps it; give both domains' folders the same class sub-folders</source>
      <extracomment>engine/analysis/translation_quality.py</extracomment>
      <translation>{name} 不知道其图像的类别，因此无法判断转换是否保留了类别；请给两个域的文件夹相同的类别子文件夹</translation>
    </message>
    <message>
      <source>--n must be at least 2 images, not {n}</source>
      <extracomment>engine/cli/anomaly.py</extracomment>
      <translation>--n 至少为 2 张图像，而不是 {n}</translation>
    </message>
    <message>
      <source>{name} holds {kind}, not images: anomaly scores are for models of images</source>
      <extracomment>engine/cli/anomaly.py</extracomment>
      <translation>{name} 装的是 {kind}，不是图像：异常分数是给图像模型用的</translation>
    </message>
    <message>
      <source>--k must be a whole number of neighbours, 1 or more, not {k}</source>
      <extracomment>engine/cli/evaluate.py</extracomment>
      <translation>--k 必须是 1 或更大的整数近邻数，而不是 {k}</translation>
    </message>
    <message>
      <source>--k {k} is more than the {bank:,} training images the kNN probe is fit on</source>
      <extracomment>engine/cli/evaluate.py</extracomment>
      <translation>--k {k} 超过了 kNN 探针所拟合的 {bank:,} 张训练图像</translation>
    </message>
    <message>
      <source>{name} holds {kind}, not images: evaluate probes encoders of images</source>
      <extracomment>engine/cli/evaluate.py</extracomment>
      <translation>{name} 中是 {kind}，不是图像：evaluate 只评估图像的编码器</translation>
    </message>
    <message>
      <source>--steps-scale must be a finite number above 0, not {scale}</source>
      <extracomment>engine/cli/lessons.py</extracomment>
      <translation>--steps-scale 必须是大于 0 的有限数，而不是 {scale}</translation>
    </message>
    <message>
      <source>--steps-scale {scale:g} would make {name} {steps:,.0f} steps per run, past the cap of {cap:,} (its budget is {budget:,})</source>
      <extracomment>engine/cli/lessons.py</extracomment>
      <translation>--steps-scale {scale:g} 会让 {name} 每次训练 {steps:,.0f} 步，超过上限 {cap:,}（它的预算是 {budget:,} 步）</translation>
    </message>
    <message>
      <source>unknown data set '{name}'. Choose one of: {names}, or folder:PATH, points:PATH or domains:PATH_A|PATH_B</source>
      <extracomment>engine/data/__init__.py</extracomment>
      <translation>未知的数据集“{name}”。请从以下选择：{names}，或 folder:路径、points:路径 或 domains:路径_A|路径_B</translation>
    </message>
    <message>
      <source>data set '{name}' has no option {unknown}; it takes: {accepted}</source>
      <extracomment>engine/data/__init__.py</extracomment>
      <translation>数据集“{name}”没有选项 {unknown}；它接受：{accepted}</translation>
    </message>
    <message>
      <source>no augmentation called {name}</source>
      <extracomment>engine/data/augment.py</extracomment>
      <translation>没有名为 {name} 的数据增强</translation>
    </message>
    <message>
      <source>domain A's images are {a} and domain B's are {b}: the two domains must have one size and one number of channels. Give the options size (for example size={size}) and channels ('grey' or 'rgb'), which make every image of both alike</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>域 A 的图像是 {a}，域 B 的是 {b}：两个域的图像必须大小相同、通道数相同。请给出选项 size（例如 size={size}）和 channels（'grey' 或 'rgb'），让两边的每张图像都一致</translation>
    </message>
    <message>
      <source>B: inverted digits</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>B：反色的数字</translation>
    </message>
    <message>
      <source>two domains, unpaired: mnist5k digits (A) and other digits inverted (B), 28x28</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>两个域，不成对：mnist5k 的数字 (A) 与另一些反色的数字 (B)，28x28</translation>
    </message>
    <message>
      <source>B: thick digits</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>B：加粗的数字</translation>
    </message>
    <message>
      <source>two domains, unpaired: mnist5k digits (A) and other digits thickened (B), 28x28</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>两个域，不成对：mnist5k 的数字 (A) 与另一些加粗的数字 (B)，28x28</translation>
    </message>
    <message>
      <source>B: turned digits</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>B：旋转的数字</translation>
    </message>
    <message>
      <source>two domains, unpaired: mnist5k digits (A) and other digits turned a quarter turn (B), 28x28</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>两个域，不成对：mnist5k 的数字 (A) 与另一些旋转了 90 度的数字 (B)，28x28</translation>
    </message>
    <message>
      <source>domain A: {a}; domain B: {b}</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>域 A：{a}；域 B：{b}</translation>
    </message>
    <message>
      <source>A: digits</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>A：数字</translation>
    </message>
    <message>
      <source>two domains are named domains:PATH_A|PATH_B, two folders joined by |, not {spec}</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>两个域的写法是 domains:PATH_A|PATH_B，即用 | 连接的两个文件夹，而不是 {spec}</translation>
    </message>
    <message>
      <source>A: {folder}</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>域 A：{folder}</translation>
    </message>
    <message>
      <source>B: {folder}</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>域 B：{folder}</translation>
    </message>
    <message>
      <source>two domains, unpaired: {a} ({na} images) and {b} ({nb} images), {h}x{w} {kind}</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>两个域，不成对：{a}（{na} 张图像）与 {b}（{nb} 张图像），{h}x{w} {kind}</translation>
    </message>
    <message>
      <source>domain {side}'s folder {path} holds no images</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>域 {side} 的文件夹 {path} 中没有图像</translation>
    </message>
    <message>
      <source>domain {side}'s folder {path} holds only {n} images; each domain needs at least {least}</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>域 {side} 的文件夹 {path} 中只有 {n} 张图像；每个域至少需要 {least} 张</translation>
    </message>
    <message>
      <source>domain A's images are {a} pixels but domain B's are {b}: the two domains must be of one size. Give the option size (for example size={size}) to resize every image of both to size x size</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>域 A 的图像是 {a} 像素，而域 B 的是 {b}：两个域的图像必须大小相同。请给出选项 size（例如 size={size}），把两边的每张图像都缩放为 size x size</translation>
    </message>
    <message>
      <source>domain {side}'s folder {path} does not exist or is not a folder</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>域 {side} 的文件夹 {path} 不存在或不是文件夹</translation>
    </message>
    <message>
      <source>domain {colour}'s images are in colour but domain {grey}'s are grey: give the option channels='rgb' (grey images become three equal channels) or channels='grey' (colour is dropped)</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>域 {colour} 的图像是彩色的，而域 {grey} 的是灰度的：请给出选项 channels='rgb'（灰度图像变成三个相同的通道）或 channels='grey'（去掉颜色）</translation>
    </message>
    <message>
      <source>domain {side}: {problem}</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>域 {side}：{problem}</translation>
    </message>
    <message>
      <source>grey</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>灰度</translation>
    </message>
    <message>
      <source>colour</source>
      <extracomment>engine/data/domains.py</extracomment>
      <translation>彩色</translation>
    </message>
    <message>
      <source>{name}, {n:,} images {h}x{w}</source>
      <extracomment>engine/data/downloads.py</extracomment>
      <translation>{name}，{n:,} 张 {h}x{w} 图像</translation>
    </message>
    <message>
      <source>{name} is not in the cache ({folder}) and could not be downloaded (is this machine offline?): {detail}. Connect to the internet once to download it, or use an embedded data set (mnist5k, digits, sprites), which need no network.</source>
      <extracomment>engine/data/downloads.py</extracomment>
      <translation>{name} 不在缓存（{folder}）中，也无法下载（这台机器是否离线？）：{detail}。请联网一次以下载它，或使用无需网络的内置数据集（mnist5k、digits、sprites）。</translation>
    </message>
    <message>
      <source>the bundled MNIST sample {path} is missing or damaged ({e}); reinstall the app</source>
      <extracomment>engine/data/embedded.py</extracomment>
      <translation>随附的 MNIST 样本 {path} 缺失或已损坏（{e}）；请重新安装本应用</translation>
    </message>
    <message>
      <source>{n} images loaded</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>已加载 {n} 张图像</translation>
    </message>
    <message>
      <source>16-bit or float (scaled to 8-bit)</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>张 16 位或浮点图像（已缩放为 8 位）</translation>
    </message>
    <message>
      <source>with transparency (composited on black)</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>张带透明度的图像（已合成到黑色背景上）</translation>
    </message>
    <message>
      <source>channels must be 'grey' or 'rgb', not {value}</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>通道必须是 'grey' 或 'rgb'，而不是 {value}</translation>
    </message>
    <message>
      <source>image size must be between 4 and 256 pixels, not {size}</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>图像尺寸必须在 4 到 256 像素之间，而不是 {size}</translation>
    </message>
    <message>
      <source>{path} is not a folder</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>{path} 不是文件夹</translation>
    </message>
    <message>
      <source>no readable images in {path} ({summary})</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>{path} 中没有可读取的图像（{summary}）</translation>
    </message>
    <message>
      <source>skipped {files}</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>跳过 {files}</translation>
    </message>
    <message>
      <source>converted {files}</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>转换了 {files}</translation>
    </message>
    <message>
      <source>1 very large image was downscaled (over {mp} megapixels)</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>1 张超大图像已缩小（超过 {mp} 百万像素）</translation>
    </message>
    <message>
      <source>{mode} (converted)</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>张 {mode} 图像（已转换）</translation>
    </message>
    <message>
      <source>not an image</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>个非图像文件</translation>
    </message>
    <message>
      <source>too large</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>个过大的文件</translation>
    </message>
    <message>
      <source>truncated or corrupt</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>个截断或损坏的文件</translation>
    </message>
    <message>
      <source>outside the class folders</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>个在类别文件夹之外的文件</translation>
    </message>
    <message>
      <source>{n} very large images were downscaled (over {mp} megapixels)</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>{n} 张超大图像已缩小（超过 {mp} 百万像素）</translation>
    </message>
    <message>
      <source>broken or looping links</source>
      <extracomment>engine/data/folder.py</extracomment>
      <translation>个失效或循环的链接</translation>
    </message>
    <message>
      <source>size must be between {low} and {high} points, not {size}</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>点数 size 必须在 {low} 到 {high} 之间，而不是 {size}</translation>
    </message>
    <message>
      <source>std must be above 0 and at most 10, not {std}</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>标准差 std 必须大于 0 且不超过 10，而不是 {std}</translation>
    </message>
    <message>
      <source>noise must be between 0 and 1, not {noise}</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>噪声 noise 必须在 0 到 1 之间，而不是 {noise}</translation>
    </message>
    <message>
      <source>{path} holds an array of shape {shape} ({dtype}); a points file holds numbers of shape (N, 2), or (N, 3) with a label column</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>{path} 中的数组形状为 {shape}（{dtype}）；点文件应是形状为 (N, 2) 的数字，或带一列标签的 (N, 3)</translation>
    </message>
    <message>
      <source>no points file at {path}</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>{path} 处没有点文件</translation>
    </message>
    <message>
      <source>{path} is not a file; a points file is a .csv or .npy file</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>{path} 不是文件；点文件是 .csv 或 .npy 文件</translation>
    </message>
    <message>
      <source>{path} holds {n} NaN or infinite values; every point needs a finite x and y</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>{path} 中有 {n} 个 NaN 或无穷大的值；每个点都需要有限的 x 和 y</translation>
    </message>
    <message>
      <source>{path} holds {n} points; draw at least {min} points</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>{path} 只有 {n} 个点；请至少画 {min} 个点</translation>
    </message>
    <message>
      <source>{file}: {n} drawn points</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>{file}：{n} 个手绘的点</translation>
    </message>
    <message>
      <source>could not read the points file {path}: {why}</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>无法读取点文件 {path}：{why}</translation>
    </message>
    <message>
      <source>{path}, line {line}: '{text}' is not a number</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>{path} 第 {line} 行：“{text}”不是数字</translation>
    </message>
    <message>
      <source>{path} must hold two columns of numbers, x and y (and optionally a third: a whole-number label); line {line} has {n}</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>{path} 必须有两列数字 x 和 y（可选第三列：整数标签）；第 {line} 行有 {n} 列</translation>
    </message>
    <message>
      <source>{path}: the third column holds labels, which must be whole numbers</source>
      <extracomment>engine/data/points.py</extracomment>
      <translation>{path}：第三列是标签，必须是整数</translation>
    </message>
    <message>
      <source>sprites size must be 32 or 64 pixels, not {size}</source>
      <extracomment>engine/data/sprites.py</extracomment>
      <translation>sprites 的尺寸必须是 32 或 64 像素，而不是 {size}</translation>
    </message>
    <message>
      <source>10,240 generated sprites, {size}x{size} grey, with 5 known factors</source>
      <extracomment>engine/data/sprites.py</extracomment>
      <translation>10,240 张生成的 sprites，{size}x{size} 灰度，带 5 个已知生成因子</translation>
    </message>
    <message>
      <source>SIDE OP SIDE, OP one of &lt; &gt; &lt;= &gt;=, SIDE a subject, a number or NUMBER * subject (e.g. {example})</source>
      <extracomment>engine/lessons/compare.py</extracomment>
      <translation>SIDE OP SIDE，OP 为 &lt; &gt; &lt;= &gt;= 之一，SIDE 为一个对象、一个数字或 NUMBER * 对象（例如 {example}）</translation>
    </message>
    <message>
      <source>cannot read {part} in {whole}; write {form}</source>
      <extracomment>engine/lessons/compare.py</extracomment>
      <translation>无法读取 {whole} 中的 {part}；请写成 {form}</translation>
    </message>
    <message>
      <source>{text} is not one comparison; write {form}</source>
      <extracomment>engine/lessons/compare.py</extracomment>
      <translation>{text} 不是单个比较；请写成 {form}</translation>
    </message>
    <message>
      <source>{text} compares two numbers; name a subject: {subjects}</source>
      <extracomment>engine/lessons/compare.py</extracomment>
      <translation>{text} 比较的是两个数字；请指明一个对象：{subjects}</translation>
    </message>
    <message>
      <source>unknown subject {name} in {text}; valid: {subjects}</source>
      <extracomment>engine/lessons/compare.py</extracomment>
      <translation>{text} 中的对象 {name} 未知；可用：{subjects}</translation>
    </message>
    <message>
      <source>unknown data set {dataset}; valid: {valid}, or folder:PATH, points:PATH or domains:PATH_A|PATH_B</source>
      <extracomment>engine/lessons/lesson_datasets.py</extracomment>
      <translation>未知的数据集 {dataset}；可用的有：{valid}，或 folder:PATH、points:PATH、domains:PATH_A|PATH_B</translation>
    </message>
    <message>
      <source>no such file: {file}</source>
      <extracomment>engine/lessons/lesson_datasets.py</extracomment>
      <translation>没有这个文件：{file}</translation>
    </message>
    <message>
      <source>no such folder: {folder}</source>
      <extracomment>engine/lessons/lesson_datasets.py</extracomment>
      <translation>没有这个文件夹：{folder}</translation>
    </message>
    <message>
      <source>{subject} is a baseline of images, and {dataset} holds 2-D points; compare with the runs or {valid}</source>
      <extracomment>engine/lessons/lesson_datasets.py</extracomment>
      <translation>{subject} 是图像的基线，而 {dataset} 装的是二维的点；请与各次运行或 {valid} 比较</translation>
    </message>
    <message>
      <source>arrays or tables are nested more than {depth} deep; a lesson needs no more</source>
      <extracomment>engine/lessons/lesson_file.py</extracomment>
      <translation>数组或表的嵌套超过 {depth} 层；课程文件用不到更深的嵌套</translation>
    </message>
    <message>
      <source>is more than the {cap:,} KB a lesson file may be; not read</source>
      <extracomment>engine/lessons/lesson_file.py</extracomment>
      <translation>超过课程文件上限 {cap:,} KB；未读取</translation>
    </message>
    <message>
      <source>is UTF-16 text; save it as UTF-8</source>
      <extracomment>engine/lessons/lesson_file.py</extracomment>
      <translation>是 UTF-16 文本；请另存为 UTF-8</translation>
    </message>
    <message>
      <source>holds NUL bytes: it is UTF-16 text or not text at all; save it as UTF-8</source>
      <extracomment>engine/lessons/lesson_file.py</extracomment>
      <translation>含有 NUL 字节：它是 UTF-16 文本或根本不是文本；请另存为 UTF-8</translation>
    </message>
    <message>
      <source>cannot be read: {e}</source>
      <extracomment>engine/lessons/lesson_file.py</extracomment>
      <translation>无法读取：{e}</translation>
    </message>
    <message>
      <source>is a folder, not a lesson file</source>
      <extracomment>engine/lessons/lesson_file.py</extracomment>
      <translation>是一个文件夹，不是课程文件</translation>
    </message>
    <message>
      <source>is not a regular file (a pipe, device or socket); skipped</source>
      <extracomment>engine/lessons/lesson_file.py</extracomment>
      <translation>不是普通文件（而是管道、设备或套接字）；已跳过</translation>
    </message>
    <message>
      <source>is {size:,} KB, more than the {cap:,} KB a lesson file may be; not read</source>
      <extracomment>engine/lessons/lesson_file.py</extracomment>
      <translation>大小为 {size:,} KB，超过课程文件上限 {cap:,} KB；未读取</translation>
    </message>
    <message>
      <source>is not UTF-8 text (byte 0x{byte:02x} on line {line}); save it as UTF-8</source>
      <extracomment>engine/lessons/lesson_file.py</extracomment>
      <translation>不是 UTF-8 文本（第 {line} 行的字节 0x{byte:02x}）；请另存为 UTF-8</translation>
    </message>
    <message>
      <source>no lesson called {name}; valid: {valid}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>没有名为 {name} 的课程；可选：{valid}</translation>
    </message>
    <message>
      <source>must be a positive number of minutes, not {value}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>必须是正数分钟，而不是 {value}</translation>
    </message>
    <message>
      <source>is not valid TOML: {e}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>不是有效的 TOML：{e}</translation>
    </message>
    <message>
      <source>cannot be used: {error}: {e}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>无法使用：{error}：{e}</translation>
    </message>
    <message>
      <source>must be a whole number from {low} to {high}, not {value}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>必须是 {low} 到 {high} 之间的整数，而不是 {value}</translation>
    </message>
    <message>
      <source>must be a table like {{ method = "tsne", perplexity = 5 }}, not {value}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>必须是形如 {{ method = "tsne", perplexity = 5 }} 的表，而不是 {value}</translation>
    </message>
    <message>
      <source>missing</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>缺失</translation>
    </message>
    <message>
      <source>unknown projection {name}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>未知的投影 {name}</translation>
    </message>
    <message>
      <source>{problem}; valid: {valid}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>{problem}；可选：{valid}</translation>
    </message>
    <message>
      <source>must be a list; valid entries: {valid}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>必须是列表；可选的条目：{valid}</translation>
    </message>
    <message>
      <source>must be a list of [[captions]] tables with step, en and zh</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>必须是由含 step、en 和 zh 的 [[captions]] 表组成的列表</translation>
    </message>
    <message>
      <source>unknown metric {metric}; valid: {valid}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>未知的指标 {metric}；可选：{valid}</translation>
    </message>
    <message>
      <source>unknown field; valid: {valid}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>未知的字段；可选：{valid}</translation>
    </message>
    <message>
      <source>must be a table, not {value}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>必须是表，而不是 {value}</translation>
    </message>
    <message>
      <source>must be a non-empty string, not {value}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>必须是非空字符串，而不是 {value}</translation>
    </message>
    <message>
      <source>unknown method {method}; valid: {valid}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>未知的方法 {method}；可选：{valid}</translation>
    </message>
    <message>
      <source>not an option of {dataset}; valid: {valid}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>不是 {dataset} 的选项；可选：{valid}</translation>
    </message>
    <message>
      <source>unknown setting; valid: {valid}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>未知的设置；可选：{valid}</translation>
    </message>
    <message>
      <source>unknown augmentation; valid: {valid}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>未知的数据增强；可选：{valid}</translation>
    </message>
    <message>
      <source>must be a table like {{ on = true, strength = 0.3, p = 1.0 }}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>必须是形如 {{ on = true, strength = 0.3, p = 1.0 }} 的表</translation>
    </message>
    <message>
      <source>not a setting of {method}; valid: {valid}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>不是 {method} 的设置；可选：{valid}</translation>
    </message>
    <message>
      <source>unknown view {view}; valid: {valid}</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>未知的视图 {view}；可选：{valid}</translation>
    </message>
    <message>
      <source>must be a table with step, en and zh</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>必须是含 step、en 和 zh 的表</translation>
    </message>
    <message>
      <source>{subject} has no {metric}; compare it with the runs, or choose another metric</source>
      <extracomment>engine/lessons/loader.py</extracomment>
      <translation>{subject} 没有 {metric}；请把它与训练比较，或选择另一个指标</translation>
    </message>
    <message>
      <source>run {name} ({label}) did not finish ({kind}): {why}</source>
      <extracomment>engine/lessons/runner.py</extracomment>
      <translation>训练 {name}（{label}）未完成（{kind}）：{why}</translation>
    </message>
    <message>
      <source>kNN accuracy</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>kNN 准确率</translation>
    </message>
    <message>
      <source>linear-probe accuracy</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>线性分类 (linear probe) 准确率</translation>
    </message>
    <message>
      <source>effective rank</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>有效秩</translation>
    </message>
    <message>
      <source>spread</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>归一化表示的离散度</translation>
    </message>
    <message>
      <source>scale</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>表示的尺度</translation>
    </message>
    <message>
      <source>final loss</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>最终损失</translation>
    </message>
    <message>
      <source>reconstruction error</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>重建误差</translation>
    </message>
    <message>
      <source>denoising error</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>去噪误差</translation>
    </message>
    <message>
      <source>distance of the prior's samples from the held-out images</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>先验样本与留出图像的距离</translation>
    </message>
    <message>
      <source>distance of the samples from the held-out images, in a classifier's features</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>样本与未见过的图像之间的距离（在分类器的特征中）</translation>
    </message>
    <message>
      <source>active latent dimensions</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>活跃的隐变量维度</translation>
    </message>
    <message>
      <source>codes in use</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>使用中的编码数</translation>
    </message>
    <message>
      <source>codebook perplexity</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>码本 (Codebook) 困惑度</translation>
    </message>
    <message>
      <source>hidden-patch error</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>被遮挡图块的误差</translation>
    </message>
    <message>
      <source>cross-correlation's distance from the identity</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>互相关矩阵与单位矩阵的距离</translation>
    </message>
    <message>
      <source>share of neighbours kept on the map</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>图上保留的近邻比例</translation>
    </message>
    <message>
      <source>clumps on the map</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>图上的小团数</translation>
    </message>
    <message>
      <source>share of points on a mode</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>落在模式上的点的比例</translation>
    </message>
    <message>
      <source>share of translations that keep their class</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>保留了原类别的转换结果的比例</translation>
    </message>
    <message>
      <source>A's</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>A 的</translation>
    </message>
    <message>
      <source>B's</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>B 的</translation>
    </message>
    <message>
      <source>the raw pixels'</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>原始像素的</translation>
    </message>
    <message>
      <source>the untrained network's</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>未训练网络的</translation>
    </message>
    <message>
      <source>PCA's</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>PCA 的</translation>
    </message>
    <message>
      <source>Not this time: {left}, not {op} {right}. The claim did not show in this run.</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>这次没有成立：{left}，并不 {op} {right}。这次训练没有显示出课程的主张。</translation>
    </message>
    <message>
      <source>The check could not be measured: {why}</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>无法测量课程的检验：{why}</translation>
    </message>
    <message>
      <source>Not judged: {whose} {metric} could not be measured, so the claim cannot be checked.</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>无法判断：{whose}{metric}无法测量，因此无法检验课程的主张。</translation>
    </message>
    <message>
      <source>Held: {left} {op} {right}</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>成立：{left} {op} {right}</translation>
    </message>
    <message>
      <source>run {name} was not saved, so it cannot be measured</source>
      <extracomment>engine/lessons/verdict.py</extracomment>
      <translation>训练 {name} 没有保存，因此无法测量</translation>
    </message>
    <message>
      <source>unknown method '{name}'. Choose one of: {names}</source>
      <extracomment>engine/methods/__init__.py</extracomment>
      <translation>未知的方法“{name}”。请从以下选择：{names}</translation>
    </message>
    <message>
      <source>CycleGAN translates between two domains of images, and {name} is not a pair of domains: its labels are {n} classes ({names}). Choose {pairs}, or two folders as domains:PATH_A|PATH_B</source>
      <extracomment>engine/methods/adversarial/cyclegan.py</extracomment>
      <translation>CycleGAN 在两个图像域之间转换，而 {name} 不是一对域：它的标签有 {n} 个类别（{names}）。请选择 {pairs}，或以 domains:PATH_A|PATH_B 给出两个文件夹</translation>
    </message>
    <message>
      <source>not measured: no classifier of domain B's classes is stored yet; `python main.py judge {name}` trains one (about 25 s) for the next run</source>
      <extracomment>engine/methods/adversarial/cyclegan.py</extracomment>
      <translation>未测量：尚未保存域 B 类别的分类器；`python main.py judge {name}` 会训练一个（约 25 秒），供下一次训练使用</translation>
    </message>
    <message>
      <source>CycleGAN translates between two domains (labels 0 for A, 1 for B), but this data set's labels go up to {top}. Choose {pairs}, or two folders as domains:PATH_A|PATH_B</source>
      <extracomment>engine/methods/adversarial/cyclegan.py</extracomment>
      <translation>CycleGAN 在两个域之间转换（标签 0 为 A，1 为 B），但这个数据集的标签最大到 {top}。请选择 {pairs}，或以 domains:PATH_A|PATH_B 给出两个文件夹</translation>
    </message>
    <message>
      <source>{name} cannot change while training; restart the run to change it</source>
      <extracomment>engine/methods/base.py</extracomment>
      <translation>{name} 不能在训练中更改；请重新开始训练以更改它</translation>
    </message>
    <message>
      <source>{filled:,} of {size:,} keys</source>
      <extracomment>engine/methods/contrastive/moco.py</extracomment>
      <translation>{filled:,} / {size:,} 个键 (key)</translation>
    </message>
    <message>
      <source>patch size {p} does not divide the image side {s}; choose one of {sizes}</source>
      <extracomment>engine/methods/masked/mae.py</extracomment>
      <translation>图块大小 {p} 不能整除图像边长 {s}；请从 {sizes} 中选一个</translation>
    </message>
    <message>
      <source>{n} of {p}x{p} pixels, {hidden} hidden</source>
      <extracomment>engine/methods/masked/mae.py</extracomment>
      <translation>{n} 个，每个 {p}x{p} 像素，遮住 {hidden} 个</translation>
    </message>
    <message>
      <source>heads ({heads}) must divide the token widths ({dim})</source>
      <extracomment>engine/methods/masked/mae.py</extracomment>
      <translation>头数 ({heads}) 必须能整除 token 宽度 ({dim})</translation>
    </message>
    <message>
      <source>{in_use} of {dim}</source>
      <extracomment>engine/methods/reconstruction/vae.py</extracomment>
      <translation>{in_use}（共 {dim} 维）</translation>
    </message>
    <message>
      <source>{perplexity:.1f} of {k} codes</source>
      <extracomment>engine/methods/reconstruction/vqvae.py</extracomment>
      <translation>{perplexity:.1f}（共 {k} 个码）</translation>
    </message>
    <message>
      <source>code: '{code}' is not a kind of code; choose one of {choices}</source>
      <extracomment>engine/nn/discrete_codes.py</extracomment>
      <translation>code：“{code}”不是一种编码；请从 {choices} 中选择</translation>
    </message>
    <message>
      <source>one_hot_k: a {code} code needs at least 2 values per group; a group of {k} value is always on, so it says nothing about the image. Choose 2 or more</source>
      <extracomment>engine/nn/discrete_codes.py</extracomment>
      <translation>one_hot_k：{code} 编码每组至少需要 2 个取值；只有 {k} 个取值的组总是取这一个值，对图像什么也说明不了。请选择 2 或更大的值</translation>
    </message>
    <message>
      <source>a {code} code of latent_dim {dim} is smaller than one group of one_hot_k = {k} values; make latent_dim a multiple of one_hot_k (latent_dim = groups × one_hot_k), such as {above}</source>
      <extracomment>engine/nn/discrete_codes.py</extracomment>
      <translation>latent_dim 为 {dim} 的 {code} 编码比一组 one_hot_k = {k} 个取值还小；请让 latent_dim 成为 one_hot_k 的倍数（latent_dim = 组数 × one_hot_k），例如 {above}</translation>
    </message>
    <message>
      <source>a {code} code of latent_dim {dim} cannot be split into groups of one_hot_k = {k} values; make latent_dim a multiple of one_hot_k (latent_dim = groups × one_hot_k), such as {below} or {above}</source>
      <extracomment>engine/nn/discrete_codes.py</extracomment>
      <translation>latent_dim 为 {dim} 的 {code} 编码无法分成每组 one_hot_k = {k} 个取值的组；请让 latent_dim 成为 one_hot_k 的倍数（latent_dim = 组数 × one_hot_k），例如 {below} 或 {above}</translation>
    </message>
    <message>
      <source>the judge classifier needs images of at least 5x5 pixels, not {c}x{h}x{w}</source>
      <extracomment>engine/nn/lenet.py</extracomment>
      <translation>评判分类器需要至少 5x5 像素的图像，而不是 {c}x{h}x{w}</translation>
    </message>
    <message>
      <source>the judge classifier needs at least 2 classes, not {n}</source>
      <extracomment>engine/nn/lenet.py</extracomment>
      <translation>评判分类器至少需要 2 个类别，而不是 {n}</translation>
    </message>
    <message>
      <source>images must be square; these are {h}x{w}</source>
      <extracomment>engine/nn/networks.py</extracomment>
      <translation>图像必须是正方形；这些是 {h}x{w}</translation>
    </message>
    <message>
      <source>images must have 1 or 3 channels, not {c}</source>
      <extracomment>engine/nn/networks.py</extracomment>
      <translation>图像必须有 1 或 3 个通道，而不是 {c}</translation>
    </message>
    <message>
      <source>image side must be 8-64 pixels, not {side}</source>
      <extracomment>engine/nn/networks.py</extracomment>
      <translation>图像边长必须是 8-64 像素，而不是 {side}</translation>
    </message>
    <message>
      <source>unknown hyper-parameter '{name}'. Valid names:
  {valid}</source>
      <extracomment>engine/params.py</extracomment>
      <translation>未知的超参数“{name}”。有效的名称：
  {valid}</translation>
    </message>
    <message>
      <source>{name}: {value} is not one of {choices}</source>
      <extracomment>engine/params.py</extracomment>
      <translation>{name}：{value} 不在可选值 {choices} 之中</translation>
    </message>
    <message>
      <source>{name}: {value} is outside {low} .. {high}</source>
      <extracomment>engine/params.py</extracomment>
      <translation>{name}：{value} 超出范围 {low} .. {high}</translation>
    </message>
    <message>
      <source>{name}: {value} is not a valid {type}. {spec}</source>
      <extracomment>engine/params.py</extracomment>
      <translation>{name}：{value} 不是有效的 {type}。{spec}</translation>
    </message>
    <message>
      <source>a preset names the unknown data set {dataset}</source>
      <extracomment>engine/presets.py</extracomment>
      <translation>预设指定了未知的数据集 {dataset}</translation>
    </message>
    <message>
      <source>a preset gives the data set {dataset} options it does not take: {unknown}</source>
      <extracomment>engine/presets.py</extracomment>
      <translation>预设给了数据集 {dataset} 它不接受的选项：{unknown}</translation>
    </message>
    <message>
      <source>the presets file {path} cannot be read: {why}</source>
      <extracomment>engine/presets.py</extracomment>
      <translation>无法读取预设文件 {path}：{why}</translation>
    </message>
    <message>
      <source>a preset in {path} needs a name, a method and a data set, and tables of settings</source>
      <extracomment>engine/presets.py</extracomment>
      <translation>{path} 中的预设需要一个名字、一个方法、一个数据集和设置表</translation>
    </message>
    <message>
      <source>UMAP is still compiling (first use in this session); PCA meanwhile</source>
      <extracomment>engine/processes/analysis_jobs.py</extracomment>
      <translation>UMAP 仍在编译（本次会话首次使用）；暂时用 PCA</translation>
    </message>
    <message>
      <source>UMAP ready (compiled in {seconds:.1f} s)</source>
      <extracomment>engine/processes/analysis_jobs.py</extracomment>
      <translation>UMAP 已就绪（编译用时 {seconds:.1f} 秒）</translation>
    </message>
    <message>
      <source>{map} of {n:,} held-out images in {seconds:.2f} s</source>
      <extracomment>engine/processes/analysis_jobs.py</extracomment>
      <translation>{map}：{n:,} 张留出图像，用时 {seconds:.2f} 秒</translation>
    </message>
    <message>
      <source>Map settings refused: {e}. Kept: {kept}.</source>
      <extracomment>engine/processes/analysis_jobs.py</extracomment>
      <translation>分布图设置被拒绝：{e}。保留原设置：{kept}。</translation>
    </message>
    <message>
      <source>UMAP is not available: {error}: {e}</source>
      <extracomment>engine/processes/analysis_jobs.py</extracomment>
      <translation>UMAP 不可用：{error}：{e}</translation>
    </message>
    <message>
      <source>The map</source>
      <extracomment>engine/processes/analysis_process.py</extracomment>
      <translation>分布图</translation>
    </message>
    <message>
      <source>The probes</source>
      <extracomment>engine/processes/analysis_process.py</extracomment>
      <translation>探针 (probe)</translation>
    </message>
    <message>
      <source>{n:,} non-finite values (NaN or infinity)</source>
      <extracomment>engine/processes/analysis_process.py</extracomment>
      <translation>{n:,} 个非有限值（NaN 或无穷大）</translation>
    </message>
    <message>
      <source>{job} skipped at step {step}: the embeddings hold {bad} (the run is diverging?)</source>
      <extracomment>engine/processes/analysis_process.py</extracomment>
      <translation>{job} 在第 {step} 步跳过：表示 (Embedding) 中有 {bad}（训练在发散？）</translation>
    </message>
    <message>
      <source>{job} failed at step {step}: {error}: {e}</source>
      <extracomment>engine/processes/analysis_process.py</extracomment>
      <translation>{job} 在第 {step} 步失败：{error}：{e}</translation>
    </message>
    <message>
      <source>The analysis skipped a message: {error}: {e}</source>
      <extracomment>engine/processes/analysis_process.py</extracomment>
      <translation>分析进程跳过了一条消息：{error}：{e}</translation>
    </message>
    <message>
      <source>the request '{verb}' was not taken: {error}: {e}</source>
      <extracomment>engine/processes/engine_process.py</extracomment>
      <translation>请求“{verb}”未被接受：{error}：{e}</translation>
    </message>
    <message>
      <source>{file} is not an Encoder Lab checkpoint (not a safetensors file)</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 不是 Encoder Lab 检查点（不是 safetensors 文件）</translation>
    </message>
    <message>
      <source>{file} is a PyTorch .pt/.pth file (a zip holding a pickle). Encoder Lab never opens pickles, because loading one can run any code hidden in it. Open a .safetensors checkpoint saved by Encoder Lab instead.</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 是 PyTorch 的 .pt/.pth 文件（内含 pickle 的 zip）。Encoder Lab 从不打开 pickle，因为加载它可能运行其中隐藏的任意代码。请改为打开由 Encoder Lab 保存的 .safetensors 检查点。</translation>
    </message>
    <message>
      <source>{file} is a Python pickle. Encoder Lab never opens pickles, because loading one can run any code hidden in it.</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 是 Python pickle。Encoder Lab 从不打开 pickle，因为加载它可能运行其中隐藏的任意代码。</translation>
    </message>
    <message>
      <source>{not_ours}: it is only {n} bytes long</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{not_ours}：它只有 {n} 字节</translation>
    </message>
    <message>
      <source>{file} is a safetensors file, but not an Encoder Lab checkpoint (it has no Encoder Lab metadata)</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 是 safetensors 文件，但不是 Encoder Lab 检查点（没有 Encoder Lab 元数据）</translation>
    </message>
    <message>
      <source>{file} is not an Encoder Lab checkpoint (format {format})</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 不是 Encoder Lab 检查点（格式 {format}）</translation>
    </message>
    <message>
      <source>{file} was written in checkpoint format {version}, newer than this Encoder Lab reads (up to {newest}); update Encoder Lab to open it</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 以检查点格式 {version} 写成，比此版 Encoder Lab 能读的（最高 {newest}）更新；请更新 Encoder Lab 后再打开</translation>
    </message>
    <message>
      <source>{file} is truncated or has trailing garbage: expected {expected} bytes of weights, found {found}</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 被截断或末尾有多余数据：权重应为 {expected} 字节，实际为 {found} 字节</translation>
    </message>
    <message>
      <source>{file} is corrupt: its weights do not match their checksum</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 已损坏：权重与校验和不符</translation>
    </message>
    <message>
      <source>{file} is {gib:.1f} GiB, far larger than any Encoder Lab checkpoint</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 有 {gib:.1f} GiB，远大于任何 Encoder Lab 检查点</translation>
    </message>
    <message>
      <source>{path} does not exist</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{path} 不存在</translation>
    </message>
    <message>
      <source>{path} is a folder, not a checkpoint file</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{path} 是文件夹，不是检查点文件</translation>
    </message>
    <message>
      <source>{path} cannot be read: {why}</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>无法读取 {path}：{why}</translation>
    </message>
    <message>
      <source>{file} is truncated: its header promises more bytes than the file has</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 被截断：文件头声明的字节数多于文件实际大小</translation>
    </message>
    <message>
      <source>{file} is corrupt: its metadata is not valid JSON</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 已损坏：元数据不是有效的 JSON</translation>
    </message>
    <message>
      <source>{file} is corrupt: {e}</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 已损坏：{e}</translation>
    </message>
    <message>
      <source>{file} is corrupt: its optimiser state is malformed ({error}: {e})</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 已损坏：优化器状态格式有误（{error}：{e}）</translation>
    </message>
    <message>
      <source>{file} cannot be rebuilt by this version: {e}</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>此版本无法重建 {file}：{e}</translation>
    </message>
    <message>
      <source>{file}: its weights do not fit the model they claim: {e}</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file}：权重与其声明的模型不符：{e}</translation>
    </message>
    <message>
      <source>{file} is corrupt: its header is not valid JSON</source>
      <extracomment>engine/training/checkpoint.py</extracomment>
      <translation>{file} 已损坏：文件头不是有效的 JSON</translation>
    </message>
    <message>
      <source>{h}x{w} {c}-channel</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{h}x{w} {c} 通道</translation>
    </message>
    <message>
      <source>{listed} and {n} more tensors</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{listed}，另有 {n} 个张量</translation>
    </message>
    <message>
      <source>a method name</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>方法名</translation>
    </message>
    <message>
      <source>a table of hyper-parameters</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>超参数表</translation>
    </message>
    <message>
      <source>[channels, height, width] in whole numbers (up to 16 and 4096)</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>[通道, 高, 宽]，均为整数（最多 16 和 4096）</translation>
    </message>
    <message>
      <source>a whole number of steps, 0 or more</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>步数，0 或更大的整数</translation>
    </message>
    <message>
      <source>a table of run settings</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>训练设置表</translation>
    </message>
    <message>
      <source>a data set name</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>数据集名称</translation>
    </message>
    <message>
      <source>a table of data set options</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>数据集选项表</translation>
    </message>
    <message>
      <source>a table of metrics</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>指标表</translation>
    </message>
    <message>
      <source>a table of library versions</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>库版本表</translation>
    </message>
    <message>
      <source>a date</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>日期</translation>
    </message>
    <message>
      <source>the optimiser's settings and state</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>优化器的设置和状态</translation>
    </message>
    <message>
      <source>{h}x{w} grey</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{h}x{w} 灰度</translation>
    </message>
    <message>
      <source>{h}x{w} RGB</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{h}x{w} RGB 彩色</translation>
    </message>
    <message>
      <source>optimiser state {key}</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>优化器状态 {key}</translation>
    </message>
    <message>
      <source>{n} of {total} values in {tensor}</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{tensor} 中 {total} 个值里的 {n} 个</translation>
    </message>
    <message>
      <source>{file} holds NaN or infinite weights ({where}): the run it was saved from had diverged. Open a checkpoint saved before that, or train again with a lower learning rate.</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{file} 含有 NaN 或无穷大的权重（{where}）：保存它的那次训练已经发散。请打开发散之前保存的检查点，或用更低的学习率重新训练。</translation>
    </message>
    <message>
      <source>{tensor} should be {expected} but is {found}</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{tensor} 应为 {expected}，实为 {found}</translation>
    </message>
    <message>
      <source>a single number</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>单个数</translation>
    </message>
    <message>
      <source>{file} is corrupt: its metadata field 'run.seed' should be a whole number, not {value}</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{file} 已损坏：元数据字段“run.seed”应为整数，而不是 {value}</translation>
    </message>
    <message>
      <source>{file} is a checkpoint of the method '{method}', not '{expected}'</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{file} 是方法“{method}”的检查点，不是“{expected}”的</translation>
    </message>
    <message>
      <source>{file} was trained on {shape} images, but this data is {data_shape}; choose a data set of the same size and channels</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{file} 是在 {shape} 图像上训练的，而当前数据是 {data_shape}；请选择尺寸和通道数相同的数据集</translation>
    </message>
    <message>
      <source>{file}: its weights do not fit the {method} model its settings describe: {tensors}. It was probably saved with other settings (such as latent_dim or width) than its metadata says, or by another version of Encoder Lab.</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{file}：其权重与其设置所描述的 {method} 模型不符：{tensors}。它可能是用与元数据不同的设置（例如 latent_dim 或 width）保存的，或由另一版本的 Encoder Lab 保存。</translation>
    </message>
    <message>
      <source>{file}: its weights do not fit the {method} model its settings describe ({problems}). It was probably saved by another version of Encoder Lab, or its metadata was edited.</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{file}：其权重与其设置所描述的 {method} 模型不符（{problems}）。它可能由另一版本的 Encoder Lab 保存，或其元数据被改动过。</translation>
    </message>
    <message>
      <source>{file} is incomplete: its metadata has no '{key}'</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{file} 不完整：元数据中没有“{key}”</translation>
    </message>
    <message>
      <source>{file} is corrupt: its metadata field '{key}' should be {what}, not {value}</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{file} 已损坏：元数据字段“{key}”应为{what}，而不是 {value}</translation>
    </message>
    <message>
      <source>the optimiser state in {file} does not match the model: {e}</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>{file} 中的优化器状态与模型不符：{e}</translation>
    </message>
    <message>
      <source>missing {tensors}</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>缺少 {tensors}</translation>
    </message>
    <message>
      <source>unexpected {tensors}</source>
      <extracomment>engine/training/checkpoint_checks.py</extracomment>
      <translation>多出 {tensors}</translation>
    </message>
    <message>
      <source>unknown device '{name}'; choose auto, cpu, cuda or mps</source>
      <extracomment>engine/training/device.py</extracomment>
      <translation>未知设备“{name}”；请选择 auto、cpu、cuda 或 mps</translation>
    </message>
    <message>
      <source>{device} was asked for but is not available on this machine (available: {have})</source>
      <extracomment>engine/training/device.py</extracomment>
      <translation>请求使用 {device}，但本机不可用（可用：{have}）</translation>
    </message>
    <message>
      <source>Lower the learning rate (now {lr:g})</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>请降低学习率（当前 {lr:g}）</translation>
    </message>
    <message>
      <source>{what}. The run ends here with the weights of step {step}, the last good ones. {advice} and start again.</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>{what}。训练到此结束，权重为第 {step} 步的（最后一组正常的权重）。{advice}，然后重新开始。</translation>
    </message>
    <message>
      <source>Out of memory on {device} at batch size {batch}. The run ends here with the last good weights kept; start again with a smaller batch size or on another device.</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>在 {device} 上以批大小 (batch size) {batch} 训练时内存不足。训练到此结束，保留了最后一组正常的权重；请用更小的批大小或换一个设备重新开始。</translation>
    </message>
    <message>
      <source>The generator's loss became NaN or infinite at step {step}</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>生成器的损失在第 {step} 步变成了 NaN 或无穷大</translation>
    </message>
    <message>
      <source>The discriminator's loss became NaN or infinite at step {step}</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>判别器的损失在第 {step} 步变成了 NaN 或无穷大</translation>
    </message>
    <message>
      <source>The critic's loss became NaN or infinite at step {step}</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>评论器 (critic) 的损失在第 {step} 步变成了 NaN 或无穷大</translation>
    </message>
    <message>
      <source>The discriminators' loss became NaN or infinite at step {step}</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>两个判别器的损失在第 {step} 步变成了 NaN 或无穷大</translation>
    </message>
    <message>
      <source>The loss became NaN or infinite at step {step}</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>损失在第 {step} 步变成了 NaN 或无穷大</translation>
    </message>
    <message>
      <source>Training is diverging: {why}</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>训练正在发散：{why}</translation>
    </message>
    <message>
      <source>{what}. Training is paused and the weights are back at step {step}, the last good ones. {advice} and press Play to go on.</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>{what}。训练已暂停，权重已回到第 {step} 步（最后一组正常的权重）。{advice}，然后按“播放”继续。</translation>
    </message>
    <message>
      <source>{what}. The run ends here with the weights of step {step}, the last good ones, and saves them. {advice} and start again.</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>{what}。训练到此结束，权重为第 {step} 步的（最后一组正常的权重），并保存下来。{advice}，然后重新开始。</translation>
    </message>
    <message>
      <source>Out of memory on {device} at batch size {batch}. Training is paused with the last good weights kept; save them, then start again with a smaller batch size or on another device.</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>在 {device} 上以批大小 (batch size) {batch} 训练时内存不足。训练已暂停，保留了最后一组正常的权重；请先保存，再用更小的批大小或换一个设备重新开始。</translation>
    </message>
    <message>
      <source>the weights became NaN or infinite</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>权重变成了 NaN 或无穷大</translation>
    </message>
    <message>
      <source>the weights grew {times:.3g}-fold since step {step} (norm {norm:.3g})</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>权重自第 {step} 步以来增长了 {times:.3g} 倍（范数 {norm:.3g}）</translation>
    </message>
    <message>
      <source>the weights grew {times:.3g}-fold in {tensor} since step {step} (norm {norm:.3g}), though the loss stayed finite</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>{tensor} 的权重自第 {step} 步以来增长了 {times:.3g} 倍（范数 {norm:.3g}），尽管损失仍是有限值</translation>
    </message>
    <message>
      <source>the gradient norm jumped to {peak:.3g}, {times:.3g} times its recent median</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>梯度范数跃升到 {peak:.3g}，是近期中位数的 {times:.3g} 倍</translation>
    </message>
    <message>
      <source>the weights became NaN or infinite in {tensor}</source>
      <extracomment>engine/training/guard.py</extracomment>
      <translation>{tensor} 中的权重变成了 NaN 或无穷大</translation>
    </message>
    <message>
      <source>The sample quality curves need a classifier trained on this data set's labels, and none is stored yet: `python main.py judge {name}` trains one once (about 25 s); the curves start with the next run.</source>
      <extracomment>engine/training/quality_curve.py</extracomment>
      <translation>样本质量曲线需要一个在这个数据集的标签上训练的分类器，目前还没有保存的：`python main.py judge {name}` 会训练一次（约 25 秒）；曲线从下一次运行开始。</translation>
    </message>
    <message>
      <source>in the features of a LeNet classifier trained on the data set ({accuracy} held-out accuracy), {n} samples of fixed noise against held-out images; lower is better, and the dotted line is what two sets of real images already differ by</source>
      <extracomment>engine/training/quality_curve.py</extracomment>
      <translation>在一个于该数据集上训练的 LeNet 分类器的特征中（未见数据准确率 {accuracy}），{n} 个固定噪声的样本对比未见过的图像；越低越好，虚线是两组真实图像之间本来就有的差距</translation>
    </message>
    <message>
      <source>saved step {step} to {path}</source>
      <extracomment>engine/training/requests.py</extracomment>
      <translation>已把第 {step} 步保存到 {path}</translation>
    </message>
    <message>
      <source>cannot decode codes of shape {shape} (latent size {dim})</source>
      <extracomment>engine/training/requests.py</extracomment>
      <translation>无法解码形状为 {shape} 的编码（潜在维度 {dim}）</translation>
    </message>
    <message>
      <source>cannot decode: {n} of the {total} code values are NaN or infinite, so the run has diverged; lower the learning rate and press Reset</source>
      <extracomment>engine/training/requests.py</extracomment>
      <translation>无法解码：{total} 个表示 (code) 值中有 {n} 个是 NaN 或无穷大，说明训练已经发散；请降低学习率并按“重置”</translation>
    </message>
    <message>
      <source>{method} takes no such requests</source>
      <extracomment>engine/training/requests.py</extracomment>
      <translation>{method} 不接受这种请求</translation>
    </message>
    <message>
      <source>{method} could not answer that: {e}</source>
      <extracomment>engine/training/requests.py</extracomment>
      <translation>{method} 无法回应该请求：{e}</translation>
    </message>
    <message>
      <source>could not save to {path}: {why}</source>
      <extracomment>engine/training/requests.py</extracomment>
      <translation>无法保存到 {path}：{why}</translation>
    </message>
    <message>
      <source>augmentations not changed: {e}</source>
      <extracomment>engine/training/requests.py</extracomment>
      <translation>数据增强未更改：{e}</translation>
    </message>
    <message>
      <source>the embeddings have NaN values: the map waits for finite ones</source>
      <extracomment>engine/training/schedule.py</extracomment>
      <translation>表示 (Embedding) 中有 NaN 值：分布图等待有限值</translation>
    </message>
    <message>
      <source>the latent codes have NaN values: the latent views wait for finite ones</source>
      <extracomment>engine/training/schedule.py</extracomment>
      <translation>潜在编码中有 NaN 值：潜在空间视图等待有限值</translation>
    </message>
    <message>
      <source>{method} trains on {kinds}, but {dataset} holds {kind}</source>
      <extracomment>engine/training/setup.py</extracomment>
      <translation>{method} 训练需要 {kinds}，但 {dataset} 提供的是 {kind}</translation>
    </message>
    <message>
      <source>batch size {batch} is more than the {n} training images; using {n}</source>
      <extracomment>engine/training/setup.py</extracomment>
      <translation>批大小 (batch size) {batch} 超过了 {n} 张训练图像；改用 {n}</translation>
    </message>
    <message>
      <source>the optimiser changed to {optimizer}: its state starts afresh</source>
      <extracomment>engine/training/setup.py</extracomment>
      <translation>优化器已换成 {optimizer}：其状态从头开始</translation>
    </message>
    <message>
      <source>run setting {e}</source>
      <extracomment>engine/training/setup.py</extracomment>
      <translation>训练设置 {e}</translation>
    </message>
    <message>
      <source>interrupted by the user</source>
      <extracomment>engine/training/trainer.py</extracomment>
      <translation>被用户中断</translation>
    </message>
    <message>
      <source>training failed: {error}: {e}</source>
      <extracomment>engine/training/trainer.py</extracomment>
      <translation>训练失败：{error}：{e}</translation>
    </message>
    <message>
      <source>stopped before it started</source>
      <extracomment>engine/training/trainer.py</extracomment>
      <translation>在开始前就已停止</translation>
    </message>
    <message>
      <source>the run could not start: {error}: {e}</source>
      <extracomment>engine/training/trainer.py</extracomment>
      <translation>训练无法开始：{error}：{e}</translation>
    </message>
  </context>
</TS>
