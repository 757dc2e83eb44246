<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>App</name>
    <message>
      <source>Encoder Lab cannot start</source>
      <translation>Encoder Lab 无法启动</translation>
    </message>
  </context>
  <context>
    <name>AugmentPanel</name>
    <message>
      <source>The Images view's 'view 1' and 'view 2' rows show the effect at once.</source>
      <translation>图像视图中“视图 1”“视图 2”两行会立即显示效果。</translation>
    </message>
    <message>
      <source>operation</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>strength</source>
      <translation>强度</translation>
    </message>
    <message>
      <source>probability</source>
      <translation>概率</translation>
    </message>
  </context>
  <context>
    <name>Autosave</name>
    <message>
      <source>Autosave failed: {0}</source>
      <translation>自动保存失败：{0}</translation>
    </message>
  </context>
  <context>
    <name>CaptionBar</name>
    <message>
      <source>Caption</source>
      <translation>字幕</translation>
    </message>
    <message>
      <source>Keys in presentation mode:</source>
      <translation>演示模式下的按键：</translation>
    </message>
  </context>
  <context>
    <name>Compare</name>
    <message>
      <source>&amp;Run</source>
      <translation>训练(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Compare…</source>
      <translation>对比(&amp;C)…</translation>
    </message>
    <message>
      <source>Train a copy of this run that differs in a setting or two, beside it</source>
      <translation>在旁边训练一个只改了一两项设置的副本</translation>
    </message>
    <message>
      <source>&amp;Save B…</source>
      <translation>保存 B(&amp;S)…</translation>
    </message>
    <message>
      <source>Close &amp;B</source>
      <translation>关闭 B(&amp;B)</translation>
    </message>
    <message>
      <source>Stop run B: back to one run</source>
      <translation>停止训练 B：回到单个训练</translation>
    </message>
    <message>
      <source>on</source>
      <translation>开</translation>
    </message>
    <message>
      <source>off</source>
      <translation>关</translation>
    </message>
    <message>
      <source>Compare: run B</source>
      <translation>对比：训练 B</translation>
    </message>
    <message>
      <source>● can change while run A trains (in the Experiment panel); B keeps what is set here. Point at a setting for what it does.</source>
      <translation>● 表示训练 A 训练时可在实验面板中修改的设置；B 保持这里设定的值。鼠标指向某项设置可查看其作用。</translation>
    </message>
    <message>
      <source>B's name in the views and legends: the settings where it differs from A</source>
      <translation>B 在各视图和图例中的名称：即它与 A 不同的设置</translation>
    </message>
    <message>
      <source>Start B</source>
      <translation>开始 B</translation>
    </message>
    <message>
      <source>Train B beside A from fresh weights; Run ▸ Close B ends it</source>
      <translation>从新初始化的权重开始，在 A 旁训练 B；用 训练 ▸ 关闭 B 结束它</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>same settings</source>
      <translation>相同设置</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>训练设置</translation>
    </message>
    <message>
      <source>Augmentations</source>
      <translation>数据增强</translation>
    </message>
    <message>
      <source>Run B starts as a copy of run A ({0} on {1}). Change what B should do differently; both then train side by side.</source>
      <translation>训练 B 从训练 A（{0}，{1}）的副本开始。改动 B 要不同的设置，然后两者并排训练。</translation>
    </message>
    <message>
      <source>B: &lt;b&gt;{0}&lt;/b&gt;</source>
      <translation>B：&lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
  </context>
  <context>
    <name>CrashNotice</name>
    <message>
      <source>The window</source>
      <translation>主窗口</translation>
    </message>
    <message>
      <source>The training engine</source>
      <translation>训练引擎</translation>
    </message>
    <message>
      <source>The analysis process (maps and probes)</source>
      <translation>分析进程（分布图和探针）</translation>
    </message>
    <message>
      <source>Encoder Lab did not close normally last time:</source>
      <translation>Encoder Lab 上次没有正常关闭：</translation>
    </message>
    <message>
      <source>Encoder Lab closed unexpectedly</source>
      <translation>Encoder Lab 意外关闭</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>No run was autosaved, so there is nothing to reopen.</source>
      <translation>没有自动保存的运行，因此没有可重新打开的内容。</translation>
    </message>
    <message>
      <source>If you report the problem, please attach the log.</source>
      <translation>如果要报告这个问题，请附上日志文件。</translation>
    </message>
    <message>
      <source>Recover…</source>
      <translation>恢复…</translation>
    </message>
    <message>
      <source>{0} autosaved runs can be reopened: Recover… lists them (later: File ▸ Recover…).</source>
      <translation>有 {0} 个自动保存的运行可以重新打开：点“恢复…”查看列表（之后也可用 文件 ▸ 恢复…）。</translation>
    </message>
    <message>
      <source>• {0} crashed at {1}; its stack is in {2}</source>
      <translation>• {0} 于 {1} 崩溃；调用栈记录在 {2}</translation>
    </message>
    <message>
      <source>• The window ended at about {0} without closing (it was killed, or it crashed without leaving a stack)</source>
      <translation>• 主窗口约于 {0} 未经关闭就结束了（被强制终止，或崩溃时没有留下调用栈）</translation>
    </message>
  </context>
  <context>
    <name>Curves</name>
    <message>
      <source>step</source>
      <translation>步</translation>
    </message>
  </context>
  <context>
    <name>ExperimentPanel</name>
    <message>
      <source>Data</source>
      <translation>数据</translation>
    </message>
    <message>
      <source>The embedded sets work offline; the others download once.</source>
      <translation>内置数据集可离线使用；其他数据集需下载一次。</translation>
    </message>
    <message>
      <source>data set</source>
      <translation>数据集</translation>
    </message>
    <message>
      <source>Method</source>
      <translation>方法</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>训练设置</translation>
    </message>
    <message>
      <source>● changes while training; the rest on Reset (R)</source>
      <translation>● 训练中即时生效；其余在重置 (R) 后生效</translation>
    </message>
    <message>
      <source>The settings appear once the training engine has started (a few seconds on first launch, while PyTorch loads).</source>
      <translation>训练引擎启动后显示设置（首次启动需几秒钟加载 PyTorch）。</translation>
    </message>
    <message>
      <source>Image folder…</source>
      <translation>图像文件夹…</translation>
    </message>
    <message>
      <source>Draw 2-D points…</source>
      <translation>画二维点…</translation>
    </message>
    <message>
      <source>hide</source>
      <translation>收起</translation>
    </message>
    <message>
      <source>show</source>
      <translation>展开</translation>
    </message>
    <message>
      <source>Hide the run's settings</source>
      <translation>收起训练设置</translation>
    </message>
    <message>
      <source>Show the run's settings: optimiser, learning rate, batch size, seed, device</source>
      <translation>展开训练设置：优化器、学习率、批大小 (batch size)、随机种子、设备</translation>
    </message>
    <message>
      <source>optimiser, learning rate, batch size, seed, device</source>
      <translation>优化器、学习率、批大小 (batch size)、随机种子、设备</translation>
    </message>
    <message>
      <source>change {0} to {1}</source>
      <translation>将 {0} 改为 {1}</translation>
    </message>
    <message>
      <source>Choose a folder of images</source>
      <translation>选择图像文件夹</translation>
    </message>
    <message>
      <source>switch to {0}</source>
      <translation>切换到 {0}</translation>
    </message>
    <message>
      <source>  (download)</source>
      <translation>  （需下载）</translation>
    </message>
    <message>
      <source>switch to the {0} data</source>
      <translation>切换到 {0} 数据</translation>
    </message>
    <message>
      <source>Preset: {0}</source>
      <translation>预设：{0}</translation>
    </message>
    <message>
      <source>switch to the images in {0}</source>
      <translation>切换到 {0} 中的图像</translation>
    </message>
    <message>
      <source>switch to the points drawn in {0}</source>
      <translation>切换到 {0} 中画的点</translation>
    </message>
    <message>
      <source>drawn: {0}</source>
      <translation>手绘：{0}</translation>
    </message>
    <message>
      <source>{0} is not available on this machine</source>
      <translation>本机没有可用的 {0}</translation>
    </message>
    <message>
      <source>batch {0}</source>
      <translation>批 (batch) {0}</translation>
    </message>
    <message>
      <source>seed {0}</source>
      <translation>种子 {0}</translation>
    </message>
  </context>
  <context>
    <name>ExportMenu</name>
    <message>
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <source>PNG…</source>
      <translation>PNG…</translation>
    </message>
    <message>
      <source>this view exports to PNG only</source>
      <translation>此视图只能导出为 PNG</translation>
    </message>
    <message>
      <source>SVG…</source>
      <translation>SVG…</translation>
    </message>
    <message>
      <source>could not write {0}</source>
      <translation>无法写入 {0}</translation>
    </message>
    <message>
      <source>Export {0}</source>
      <translation>导出 {0}</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>导出失败</translation>
    </message>
    <message>
      <source>Could not export to {0}: {1}</source>
      <translation>无法导出到 {0}：{1}</translation>
    </message>
  </context>
  <context>
    <name>Histograms</name>
    <message>
      <source>count</source>
      <translation>计数</translation>
    </message>
  </context>
  <context>
    <name>ImageView</name>
    <message>
      <source>Waiting for the first images…</source>
      <translation>等待第一批图像…</translation>
    </message>
    <message>
      <source>view {0}</source>
      <translation>视图 {0}</translation>
    </message>
    <message>
      <source>input</source>
      <translation>输入</translation>
    </message>
    <message>
      <source>corrupted</source>
      <translation>加噪</translation>
    </message>
    <message>
      <source>masked</source>
      <translation>掩码后</translation>
    </message>
    <message>
      <source>reconstruction</source>
      <translation>重建</translation>
    </message>
    <message>
      <source>reconstruction + visible</source>
      <translation>重建 + 可见</translation>
    </message>
    <message>
      <source>rotated input</source>
      <translation>旋转后输入</translation>
    </message>
    <message>
      <source>samples of fixed noise</source>
      <translation>固定噪声的样本</translation>
    </message>
    <message>
      <source>translated</source>
      <translation>翻译结果</translation>
    </message>
    <message>
      <source>translated back</source>
      <translation>翻译回来</translation>
    </message>
    <message>
      <source>probe images at step {0} — click one to enlarge</source>
      <translation>第 {0} 步的探针图像 — 点击可放大</translation>
    </message>
    <message>
      <source> (label {0})</source>
      <translation>（标签 {0}）</translation>
    </message>
    <message>
      <source>rows: {0}</source>
      <translation>各行：{0}</translation>
    </message>
  </context>
  <context>
    <name>Language</name>
    <message>
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <source>The language changes when Encoder Lab starts again</source>
      <translation>重新启动 Encoder Lab 后切换语言</translation>
    </message>
  </context>
  <context>
    <name>LatentView</name>
    <message>
      <source>start from a probe image's code (click):</source>
      <translation>从某张探针图像的编码出发（点击）：</translation>
    </message>
    <message>
      <source>decoded</source>
      <translation>解码结果</translation>
    </message>
    <message>
      <source>latent dimension</source>
      <translation>潜在维度</translation>
    </message>
    <message>
      <source>KL (nats)</source>
      <translation>KL（单位 nats）</translation>
    </message>
    <message>
      <source>a dimension near 0 nats is dead: the decoder ignores it</source>
      <translation>接近 0 nats 的维度已失效：解码器忽略了它</translation>
    </message>
    <message>
      <source>drag the cursor</source>
      <translation>拖动光标</translation>
    </message>
    <message>
      <source>Centre</source>
      <translation>归中</translation>
    </message>
    <message>
      <source>Set every dimension to the mean code of the held-out images</source>
      <translation>把每个维度设为留出图像编码的均值</translation>
    </message>
    <message>
      <source>each row sweeps one dimension from -3σ to +3σ around the current code</source>
      <translation>每行在当前编码附近把一个维度从 -3σ 扫到 +3σ</translation>
    </message>
    <message>
      <source>Traversal</source>
      <translation>遍历</translation>
    </message>
    <message>
      <source>KL per dim</source>
      <translation>各维 KL</translation>
    </message>
    <message>
      <source>2-D pad</source>
      <translation>二维面板</translation>
    </message>
    <message>
      <source>The explorer appears once the model has a latent space.</source>
      <translation>模型有潜在空间后，这里会显示探索器。</translation>
    </message>
    <message>
      <source>{0} latent dimensions: drag a slider and the image follows</source>
      <translation>{0} 个潜在维度：拖动滑块，图像随之变化</translation>
    </message>
  </context>
  <context>
    <name>LessonBar</name>
    <message>
      <source>Lesson</source>
      <translation>课程</translation>
    </message>
    <message>
      <source>Lesson: {0} ({1}/{2})</source>
      <translation>课程：{0}（{1}/{2}）</translation>
    </message>
    <message>
      <source>Lesson: {0}</source>
      <translation>课程：{0}</translation>
    </message>
  </context>
  <context>
    <name>LessonMenu</name>
    <message>
      <source>&amp;Lesson</source>
      <translation>课程(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;All lessons…</source>
      <translation>全部课程(&amp;A)…</translation>
    </message>
    <message>
      <source>Every lesson with its claim and how long it takes (Ctrl+L)</source>
      <translation>所有课程及其结论和所需时间 (Ctrl+L)</translation>
    </message>
    <message>
      <source>&amp;Open lesson</source>
      <translation>打开课程(&amp;O)</translation>
    </message>
    <message>
      <source>Open lesson &amp;file…</source>
      <translation>打开课程文件(&amp;F)…</translation>
    </message>
    <message>
      <source>Add lessons &amp;folder…</source>
      <translation>添加课程文件夹(&amp;D)…</translation>
    </message>
    <message>
      <source>&amp;Next caption</source>
      <translation>下一条字幕(&amp;N)</translation>
    </message>
    <message>
      <source>The lesson's next caption (N in presentation mode)</source>
      <translation>课程的下一条字幕（演示模式下按 N）</translation>
    </message>
    <message>
      <source>&amp;Restart lesson</source>
      <translation>重新开始课程(&amp;R)</translation>
    </message>
    <message>
      <source>Both runs again from the lesson's settings, from the first caption</source>
      <translation>两个训练都按课程设置从头再来，从第一条字幕开始</translation>
    </message>
    <message>
      <source>&amp;Leave lesson</source>
      <translation>退出课程(&amp;E)</translation>
    </message>
    <message>
      <source>End the lesson and play on freely with its settings</source>
      <translation>结束课程，沿用其设置继续自由训练</translation>
    </message>
    <message>
      <source>Open lesson file</source>
      <translation>打开课程文件</translation>
    </message>
    <message>
      <source>Lesson files (*.toml)</source>
      <translation>课程文件 (*.toml)</translation>
    </message>
    <message>
      <source>Add a folder of lessons</source>
      <translation>添加课程文件夹</translation>
    </message>
    <message>
      <source>Lessons</source>
      <translation>课程</translation>
    </message>
    <message>
      <source>Each lesson shows one claim of the course in one or two runs side by side. Minutes: both runs and the check on 2 CPU cores (less with a GPU).</source>
      <translation>每节课用一个或两个并排的训练展示课程中的一个结论。分钟数：在 2 个 CPU 核上跑完两个训练并完成检查所需的时间（有 GPU 时更短）。</translation>
    </message>
    <message>
      <source>Play the selected lesson (or double-click it)</source>
      <translation>播放选中的课程（或双击它）</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Lesson</source>
      <translation>课程</translation>
    </message>
    <message>
      <source>Minutes</source>
      <translation>分钟</translation>
    </message>
    <message>
      <source>Reading the lesson files…</source>
      <translation>正在读取课程文件…</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>打开</translation>
    </message>
  </context>
  <context>
    <name>LessonPlayer</name>
    <message>
      <source>next caption</source>
      <translation>下一条字幕</translation>
    </message>
    <message>
      <source>Cannot open the lesson</source>
      <translation>无法打开课程</translation>
    </message>
    <message>
      <source>open the lesson {0}</source>
      <translation>打开课程 {0}</translation>
    </message>
    <message>
      <source>The lesson's {0} steps are done: both runs stopped there, and its check is measured on them. Play trains on.</source>
      <translation>课程的 {0} 步已完成：两个训练都停在这一步，正在对它们测量课程的检验。按“播放”可继续训练。</translation>
    </message>
  </context>
  <context>
    <name>LessonVerdict</name>
    <message>
      <source>the runs' copies did not come</source>
      <translation>训练的副本没有送达</translation>
    </message>
    <message>
      <source>Measuring the check at step {0}…</source>
      <translation>正在测量第 {0} 步的检验…</translation>
    </message>
    <message>
      <source>the measuring process ended with code {0}</source>
      <translation>测量进程以代码 {0} 结束</translation>
    </message>
  </context>
  <context>
    <name>LossView</name>
    <message>
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>Smoothing (exponential moving average); the raw curve shows faintly behind</source>
      <translation>平滑（指数移动平均）；原始曲线以淡色显示在后面</translation>
    </message>
    <message>
      <source>log y</source>
      <translation>对数 y</translation>
    </message>
    <message>
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <source>reconstruction</source>
      <translation>重建</translation>
    </message>
    <message>
      <source>commitment</source>
      <translation>承诺 (commitment)</translation>
    </message>
    <message>
      <source>invariance</source>
      <translation>不变性</translation>
    </message>
    <message>
      <source>variance</source>
      <translation>方差</translation>
    </message>
    <message>
      <source>covariance</source>
      <translation>协方差</translation>
    </message>
    <message>
      <source>on-diagonal</source>
      <translation>对角线</translation>
    </message>
    <message>
      <source>rotation accuracy</source>
      <translation>旋转准确率</translation>
    </message>
    <message>
      <source>discriminator loss</source>
      <translation>判别器损失</translation>
    </message>
    <message>
      <source>generator loss</source>
      <translation>生成器损失</translation>
    </message>
    <message>
      <source>R1 penalty</source>
      <translation>R1 惩罚</translation>
    </message>
    <message>
      <source>gradient penalty</source>
      <translation>梯度惩罚</translation>
    </message>
    <message>
      <source>Wasserstein estimate</source>
      <translation>Wasserstein 距离估计</translation>
    </message>
    <message>
      <source>share of modes covered</source>
      <translation>覆盖的模式比例</translation>
    </message>
    <message>
      <source>high-quality share</source>
      <translation>高质量样本比例</translation>
    </message>
    <message>
      <source>adversarial A→B</source>
      <translation>对抗 A→B</translation>
    </message>
    <message>
      <source>adversarial B→A</source>
      <translation>对抗 B→A</translation>
    </message>
    <message>
      <source>cycle</source>
      <translation>循环</translation>
    </message>
    <message>
      <source>identity</source>
      <translation>恒等</translation>
    </message>
    <message>
      <source>discriminators</source>
      <translation>判别器</translation>
    </message>
    <message>
      <source>smoothing</source>
      <translation>平滑</translation>
    </message>
    <message>
      <source>━━ solid  A: {0}      ╌╌ dashed  B: {1}</source>
      <translation>━━ 实线  A：{0}      ╌╌ 虚线  B：{1}</translation>
    </message>
    <message>
      <source>step {0}</source>
      <translation>第 {0} 步</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Encoder Lab</source>
      <translation>Encoder Lab</translation>
    </message>
    <message>
      <source>same settings</source>
      <translation>相同设置</translation>
    </message>
    <message>
      <source>Discard the current run?</source>
      <translation>放弃当前训练？</translation>
    </message>
    <message>
      <source>The current run has trained to step {0} and is not saved. Discard it to {1}?</source>
      <translation>当前训练已到第 {0} 步，尚未保存。要放弃它并{1}吗？</translation>
    </message>
  </context>
  <context>
    <name>MapControls</name>
    <message>
      <source>drag: pan</source>
      <translation>拖动：平移</translation>
    </message>
    <message>
      <source>drag: box</source>
      <translation>拖动：框选</translation>
    </message>
    <message>
      <source>drag: lasso</source>
      <translation>拖动：套索</translation>
    </message>
    <message>
      <source>The projection: PCA (linear, fast), t-SNE or UMAP (neighbourhoods, slower)</source>
      <translation>投影方式：PCA（线性，快）、t-SNE 或 UMAP（保留邻域，较慢）</translation>
    </message>
    <message>
      <source>What dragging on the map does: pan it, or select the images in a box or lasso</source>
      <translation>在分布图上拖动的作用：平移，或用方框、套索选中图像</translation>
    </message>
    <message>
      <source>thumbnails</source>
      <translation>缩略图</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <source>Map as PNG…</source>
      <translation>分布图导出为 PNG…</translation>
    </message>
    <message>
      <source>Map as SVG…</source>
      <translation>分布图导出为 SVG…</translation>
    </message>
    <message>
      <source>Coordinates as CSV…</source>
      <translation>坐标导出为 CSV…</translation>
    </message>
    <message>
      <source>Live</source>
      <translation>实时</translation>
    </message>
    <message>
      <source>Follow the newest map again</source>
      <translation>重新跟随最新的分布图</translation>
    </message>
    <message>
      <source> (scrubbed back)</source>
      <translation>（已回看）</translation>
    </message>
    <message>
      <source>colour</source>
      <translation>着色</translation>
    </message>
    <message>
      <source>timeline</source>
      <translation>时间轴</translation>
    </message>
    <message>
      <source>Draw images instead of points (up to {0})</source>
      <translation>用图像代替点来显示（最多 {0} 张）</translation>
    </message>
    <message>
      <source>step {0:,} · {1}{2}</source>
      <translation>第 {0:,} 步 · {1}{2}</translation>
    </message>
  </context>
  <context>
    <name>MapView</name>
    <message>
      <source>label</source>
      <translation>标签</translation>
    </message>
    <message>
      <source>k-means cluster</source>
      <translation>k-means 聚类</translation>
    </message>
    <message>
      <source>reconstruction error</source>
      <translation>重建误差</translation>
    </message>
    <message>
      <source>factor: {0}</source>
      <translation>因子：{0}</translation>
    </message>
    <message>
      <source>Export map</source>
      <translation>导出分布图</translation>
    </message>
    <message>
      <source>Nothing to export</source>
      <translation>没有可导出的内容</translation>
    </message>
    <message>
      <source>There is no map yet.</source>
      <translation>还没有分布图。</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>导出失败</translation>
    </message>
    <message>
      <source>Could not export to {0}: {1}</source>
      <translation>无法导出到 {0}：{1}</translation>
    </message>
    <message>
      <source>hover over a point to see its image</source>
      <translation>把鼠标移到点上可查看对应图像</translation>
    </message>
    <message>
      <source>click a point: its nearest neighbours, in embedding space (top) and pixel space (bottom)</source>
      <translation>点击一个点：显示它的最近邻，上为表示空间、下为像素空间</translation>
    </message>
    <message>
      <source>choose 'box' or 'lasso' and drag to select images</source>
      <translation>选择“框选”或“套索”后拖动，即可选中图像</translation>
    </message>
    <message>
      <source>image {0} · {1}</source>
      <translation>图像 {0} · {1}</translation>
    </message>
    <message>
      <source>image {0} ({1}) and its {2} nearest: embedding (top, {3}% same label) · pixels (bottom, {4}% same label)</source>
      <translation>图像 {0}（{1}）及其 {2} 个最近邻：表示空间（上，{3}% 同标签）· 像素空间（下，{4}% 同标签）</translation>
    </message>
    <message>
      <source> (first {0} shown)</source>
      <translation>（显示前 {0} 张）</translation>
    </message>
    <message>
      <source>{0} images selected{1}</source>
      <translation>已选中 {0} 张图像{1}</translation>
    </message>
    <message>
      <source>{0} · {1:.0f} s</source>
      <translation>{0} · {1:.0f} 秒</translation>
    </message>
    <message>
      <source>The map appears after the first embeddings.</source>
      <translation>得到第一批表示后显示分布图。</translation>
    </message>
    <message>
      <source>{0}: computing the first map</source>
      <translation>{0}：正在计算第一张分布图</translation>
    </message>
    <message>
      <source>{0}: computing the map</source>
      <translation>{0}：正在计算分布图</translation>
    </message>
    <message>
      <source>{0} with {1}: computing a fresh map</source>
      <translation>{0}（{1}）：正在重新计算分布图</translation>
    </message>
  </context>
  <context>
    <name>MethodView</name>
    <message>
      <source>&lt;i&gt;click a bar of the code usage chart to see the images that use that code&lt;/i&gt;</source>
      <translation>&lt;i&gt;点击码本 (Codebook) 使用图中的柱子，查看使用该码的图像&lt;/i&gt;</translation>
    </message>
    <message>
      <source>image </source>
      <translation>图像 </translation>
    </message>
    <message>
      <source>Decode grid</source>
      <translation>解码网格</translation>
    </message>
    <message>
      <source>Reset grid</source>
      <translation>还原网格</translation>
    </message>
    <message>
      <source>Back to the image's grid as the model codes it now</source>
      <translation>回到模型当前对该图像编码得到的网格</translation>
    </message>
    <message>
      <source>image</source>
      <translation>图像</translation>
    </message>
    <message>
      <source>&lt;i&gt;click a bar to pick a code&lt;/i&gt;</source>
      <translation>&lt;i&gt;点击柱子选择一个码&lt;/i&gt;</translation>
    </message>
    <message>
      <source>&lt;i&gt;click a bar&lt;/i&gt;</source>
      <translation>&lt;i&gt;点击柱子&lt;/i&gt;</translation>
    </message>
    <message>
      <source>&lt;b&gt;Edit a code grid&lt;/b&gt;</source>
      <translation>&lt;b&gt;编辑码网格&lt;/b&gt;</translation>
    </message>
    <message>
      <source>code {0}: used by {1} of {2} images</source>
      <translation>码 {0}：{2} 张图像中有 {1} 张使用</translation>
    </message>
    <message>
      <source>code {0}: {1} of {2} images</source>
      <translation>码 {0}：{1}/{2} 张图像</translation>
    </message>
    <message>
      <source>code {0}: {1}/{2}</source>
      <translation>码 {0}：{1}/{2}</translation>
    </message>
    <message>
      <source>decoded</source>
      <translation>解码结果</translation>
    </message>
    <message>
      <source>code {0}</source>
      <translation>码 {0}</translation>
    </message>
    <message>
      <source>{0} — a dead code</source>
      <translation>{0} — 失效码</translation>
    </message>
    <message>
      <source>code {0}: dead</source>
      <translation>码 {0}：失效</translation>
    </message>
    <message>
      <source>Row {0}, column {1} holds “{2}”: each cell must be a code from 0 to {3}. Not decoded.</source>
      <translation>第 {0} 行第 {1} 列是“{2}”：每格必须是 0 到 {3} 之间的码。未解码。</translation>
    </message>
    <message>
      <source>(the first ten images, as in the Images view)</source>
      <translation>（前十张图像，与图像视图相同）</translation>
    </message>
    <message>
      <source>Random mask</source>
      <translation>随机掩码</translation>
    </message>
    <message>
      <source>Hide as many patches as the model hides, drawn anew at random</source>
      <translation>随机重新抽取，遮住与模型相同数量的图块</translation>
    </message>
    <message>
      <source>Show all</source>
      <translation>全部显示</translation>
    </message>
    <message>
      <source>&lt;b&gt;Mask by hand&lt;/b&gt;: click patches to hide or show them</source>
      <translation>&lt;b&gt;手动掩码 (mask)&lt;/b&gt;：点击图块可遮住或显示</translation>
    </message>
    <message>
      <source>input (grey: hidden)</source>
      <translation>输入（灰色：遮住）</translation>
    </message>
    <message>
      <source>step {0}</source>
      <translation>第 {0} 步</translation>
    </message>
    <message>
      <source>What {0} does, on 2-D points</source>
      <translation>{0} 在二维点上做了什么</translation>
    </message>
    <message>
      <source>What {0} does, on held-out images</source>
      <translation>{0} 在留出图像上做了什么</translation>
    </message>
  </context>
  <context>
    <name>MetricsView</name>
    <message>
      <source>kNN accuracy</source>
      <translation>kNN 准确率</translation>
    </message>
    <message>
      <source>linear probe</source>
      <translation>线性分类 (linear probe)</translation>
    </message>
    <message>
      <source>k-means NMI</source>
      <translation>k-means NMI</translation>
    </message>
    <message>
      <source>k-means ARI</source>
      <translation>k-means ARI</translation>
    </message>
    <message>
      <source>kNN {0:.1%} · linear {1:.1%} · rank {2:.1f}</source>
      <translation>kNN {0:.1%} · 线性 {1:.1%} · 秩 {2:.1f}</translation>
    </message>
    <message>
      <source>linear</source>
      <translation>线性</translation>
    </message>
    <message>
      <source>pixels</source>
      <translation>像素</translation>
    </message>
    <message>
      <source>random net</source>
      <translation>随机网络</translation>
    </message>
    <message>
      <source>raw pixels</source>
      <translation>原始像素</translation>
    </message>
    <message>
      <source>random encoder</source>
      <translation>随机编码器</translation>
    </message>
    <message>
      <source>kNN {0:.1%}</source>
      <translation>kNN {0:.1%}</translation>
    </message>
    <message>
      <source>linear {0:.1%}</source>
      <translation>线性 {0:.1%}</translation>
    </message>
    <message>
      <source>NMI {0:.2f}</source>
      <translation>NMI {0:.2f}</translation>
    </message>
    <message>
      <source>effective rank {0:.1f}</source>
      <translation>有效秩 {0:.1f}</translation>
    </message>
    <message>
      <source>{0}: kNN {1:.1%}, linear {2:.1%}</source>
      <translation>{0}：kNN {1:.1%}，线性 {2:.1%}</translation>
    </message>
    <message>
      <source>x axes: the training step; for the singular values, their index, largest first</source>
      <translation>横轴：训练步数；奇异值图的横轴为序号，从大到小</translation>
    </message>
    <message>
      <source>Probes appear after the first embeddings: kNN and a linear probe fit on training images and scored on held-out ones.</source>
      <translation>得到第一批表示后显示探针结果：kNN 和线性分类在训练图像上拟合，在留出图像上评分。</translation>
    </message>
    <message>
      <source>probes on held-out images</source>
      <translation>留出图像上的探针</translation>
    </message>
    <message>
      <source>singular values (log)</source>
      <translation>奇异值（对数）</translation>
    </message>
    <message>
      <source>std of normalised embeddings</source>
      <translation>归一化表示的标准差</translation>
    </message>
    <message>
      <source>effective rank</source>
      <translation>有效秩</translation>
    </message>
  </context>
  <context>
    <name>ParamForm</name>
    <message>
      <source>{0} (changes while training)</source>
      <translation>{0}（训练中即时生效）</translation>
    </message>
    <message>
      <source>{0} (takes effect on Reset)</source>
      <translation>{0}（重置后生效）</translation>
    </message>
  </context>
  <context>
    <name>PixelDialog</name>
    <message>
      <source>hover over a pixel to read its value</source>
      <translation>把鼠标移到像素上可读取其数值</translation>
    </message>
    <message>
      <source>x {0}, y {1}: {2}  ({3} of 255)</source>
      <translation>x {0}，y {1}：{2}  （{3}，满值 255）</translation>
    </message>
  </context>
  <context>
    <name>PointField</name>
    <message>
      <source>real</source>
      <translation>真实</translation>
    </message>
    <message>
      <source>generated</source>
      <translation>生成</translation>
    </message>
    <message>
      <source>where the generator pushes them</source>
      <translation>生成器推动它们的方向</translation>
    </message>
    <message>
      <source>the data's modes</source>
      <translation>数据的模式</translation>
    </message>
    <message>
      <source>map: {0}</source>
      <translation>底图：{0}</translation>
    </message>
  </context>
  <context>
    <name>PointsDrawing</name>
    <message>
      <source>&amp;Draw 2-D points…</source>
      <translation>画二维点(&amp;D)…</translation>
    </message>
    <message>
      <source>Draw a data set of 2-D points with the mouse and train a GAN on it</source>
      <translation>用鼠标画一个二维点数据集，并在上面训练 GAN</translation>
    </message>
    <message>
      <source>Draw 2-D points</source>
      <translation>画二维点</translation>
    </message>
    <message>
      <source>How far from the pointer the points land (0: exactly at the pointer)</source>
      <translation>点落在离指针多远的范围内（0：正好落在指针处）</translation>
    </message>
    <message>
      <source>How many points each press or move of the mouse adds</source>
      <translation>每次按下或移动鼠标添加多少个点</translation>
    </message>
    <message>
      <source>The label of the points drawn next (keys 1–4)</source>
      <translation>接下来所画的点的标签（按键 1–4）</translation>
    </message>
    <message>
      <source>brush radius</source>
      <translation>画笔半径</translation>
    </message>
    <message>
      <source>points per dab</source>
      <translation>每笔点数</translation>
    </message>
    <message>
      <source>class</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Undo stroke</source>
      <translation>撤销一笔</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>清除</translation>
    </message>
    <message>
      <source>Train on these</source>
      <translation>用这些点训练</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Draw 2-D points: wait for the training engine to start</source>
      <translation>画二维点：请等待训练引擎启动</translation>
    </message>
    <message>
      <source>{0} points (at least {1})</source>
      <translation>{0} 个点（至少 {1} 个）</translation>
    </message>
    <message>
      <source>Cannot save the drawing</source>
      <translation>无法保存所画的点</translation>
    </message>
    <message>
      <source>class {0}</source>
      <translation>类别 {0}</translation>
    </message>
    <message>
      <source>Draw {0} more to train on them.</source>
      <translation>再画 {0} 个点才能用它们训练。</translation>
    </message>
    <message>
      <source>A GAN needs at least {0} points to learn from: draw {1} more</source>
      <translation>GAN 至少需要 {0} 个点来学习：再画 {1} 个</translation>
    </message>
  </context>
  <context>
    <name>PointsRun</name>
    <message>
      <source>no images: 2-D points are shown in the Method view</source>
      <translation>没有图像：二维点显示在方法视图中</translation>
    </message>
  </context>
  <context>
    <name>Presentation</name>
    <message>
      <source>F11 leave</source>
      <translation>F11 退出</translation>
    </message>
    <message>
      <source>Space play</source>
      <translation>空格 播放</translation>
    </message>
    <message>
      <source>S step</source>
      <translation>S 单步</translation>
    </message>
    <message>
      <source>R reset</source>
      <translation>R 重置</translation>
    </message>
    <message>
      <source>P panel</source>
      <translation>P 面板</translation>
    </message>
    <message>
      <source>leave presentation mode</source>
      <translation>退出演示模式</translation>
    </message>
    <message>
      <source>play / pause</source>
      <translation>播放 / 暂停</translation>
    </message>
    <message>
      <source>one step</source>
      <translation>单步</translation>
    </message>
    <message>
      <source>reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <source>show / hide the experiment panel</source>
      <translation>显示 / 隐藏实验面板</translation>
    </message>
    <message>
      <source>record / stop recording</source>
      <translation>录制 / 停止录制</translation>
    </message>
    <message>
      <source>D / G one player</source>
      <translation>D / G 单方走一步</translation>
    </message>
    <message>
      <source>M slow motion</source>
      <translation>M 慢动作</translation>
    </message>
    <message>
      <source>one step of the discriminator</source>
      <translation>判别器走一步</translation>
    </message>
    <message>
      <source>one step of the generator</source>
      <translation>生成器走一步</translation>
    </message>
    <message>
      <source>slow motion on / off</source>
      <translation>慢动作开 / 关</translation>
    </message>
    <message>
      <source>show {0}</source>
      <translation>显示{0}</translation>
    </message>
    <message>
      <source>1–{0} views</source>
      <translation>1–{0} 视图</translation>
    </message>
  </context>
  <context>
    <name>Recording</name>
    <message>
      <source>Stop &amp;recording</source>
      <translation>停止录制(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Record…</source>
      <translation>录制(&amp;R)…</translation>
    </message>
    <message>
      <source>Record the window or one view to a GIF or MP4 while training, with the lesson's caption (Ctrl+Shift+R)</source>
      <translation>训练时把整个窗口或某个视图录制为 GIF 或 MP4，可带课程字幕 (Ctrl+Shift+R)</translation>
    </message>
    <message>
      <source>Already recording</source>
      <translation>正在录制</translation>
    </message>
    <message>
      <source>Stop the current recording first.</source>
      <translation>请先停止当前录制。</translation>
    </message>
    <message>
      <source>Cannot record</source>
      <translation>无法录制</translation>
    </message>
    <message>
      <source>The recording failed</source>
      <translation>录制失败</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>录制</translation>
    </message>
    <message>
      <source>The whole window</source>
      <translation>整个窗口</translation>
    </message>
    <message>
      <source>What goes into the clip: the whole window, or one view alone at its size on screen. Only the views shown now are listed.</source>
      <translation>录进视频的内容：整个窗口，或单独一个视图（按其屏幕上的大小）。只列出当前显示的视图。</translation>
    </message>
    <message>
      <source>The file's ending chooses the format: .mp4 (small, for slides and players) or .gif (plays anywhere, larger)</source>
      <translation>文件扩展名决定格式：.mp4（文件小，适合幻灯片和播放器）或 .gif（到处都能播放，文件较大）</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <source>Choose the folder and the file's name</source>
      <translation>选择文件夹和文件名</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source> frames/s</source>
      <translation> 帧/秒</translation>
    </message>
    <message>
      <source>10 is smooth enough for training curves; more frames cost the training time</source>
      <translation>10 帧足以让训练曲线流畅；帧数越多越占用训练时间</translation>
    </message>
    <message>
      <source>Frame rate</source>
      <translation>帧率</translation>
    </message>
    <message>
      <source>Burn in the lesson's caption</source>
      <translation>嵌入课程字幕</translation>
    </message>
    <message>
      <source>Add a dark band below every frame with the caption the lesson shows at each moment, and its verdict at the end, so the clip explains itself (no band when no lesson plays as the recording starts)</source>
      <translation>在每一帧下方加一条深色字幕带，显示课程当时的字幕以及最后的结论，让视频自己说明内容（开始录制时没有课程在播放则不加字幕带）</translation>
    </message>
    <message>
      <source>Start recording</source>
      <translation>开始录制</translation>
    </message>
    <message>
      <source>Record from now until View ▸ Stop recording (Ctrl+Shift+R)</source>
      <translation>从现在开始录制，直到 视图 ▸ 停止录制（Ctrl+Shift+R）</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>animated GIF</source>
      <translation>GIF 动图</translation>
    </message>
    <message>
      <source>MP4 video (H.264)</source>
      <translation>MP4 视频 (H.264)</translation>
    </message>
    <message>
      <source>Record to</source>
      <translation>录制到</translation>
    </message>
    <message>
      <source> ({0} frames dropped: the encoder could not keep up)</source>
      <translation>（丢弃了 {0} 帧：视频编码跟不上）</translation>
    </message>
    <message>
      <source>There is no view called {0}.</source>
      <translation>没有名为 {0} 的视图。</translation>
    </message>
    <message>
      <source>● REC {0}:{1:02d} · {2} frames</source>
      <translation>● 录制 {0}:{1:02d} · {2} 帧</translation>
    </message>
    <message>
      <source>Recording saved: {0}</source>
      <translation>录制已保存：{0}</translation>
    </message>
    <message>
      <source>writing {0}…</source>
      <translation>正在写入 {0}…</translation>
    </message>
  </context>
  <context>
    <name>Recover</name>
    <message>
      <source>Recover an autosaved run</source>
      <translation>恢复自动保存的运行</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <source>Open the selected run, paused, as File ▸ Open would (or double-click it)</source>
      <translation>像 文件 ▸ 打开 一样打开所选运行（暂停状态；也可双击）</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>运行</translation>
    </message>
    <message>
      <source>Method</source>
      <translation>方法</translation>
    </message>
    <message>
      <source>Data set</source>
      <translation>数据集</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>步</translation>
    </message>
    <message>
      <source>Saved</source>
      <translation>保存时间</translation>
    </message>
    <message>
      <source>Waiting for the engine to load…</source>
      <translation>正在等待引擎加载…</translation>
    </message>
    <message>
      <source>Runs saved by themselves while they trained or just before they were discarded, newest first. The {0} newest are kept, in {1}.</source>
      <translation>训练过程中或被丢弃之前自动保存的运行，最新的在前。保留最新的 {0} 个，位于 {1}。</translation>
    </message>
    <message>
      <source>Nothing was autosaved yet. A run is autosaved every few minutes while it trains and before it is discarded, in {0}.</source>
      <translation>还没有自动保存的内容。运行在训练时每隔几分钟、以及被丢弃之前会自动保存到 {0}。</translation>
    </message>
  </context>
  <context>
    <name>Session</name>
    <message>
      <source>The analysis process (maps and probes) stopped {0} times within a minute and was left off; training goes on. Save, then restart the app for maps.</source>
      <translation>分析进程（分布图和探针）在一分钟内停止了 {0} 次，已不再重启；训练继续进行。请先保存，再重启应用以恢复分布图。</translation>
    </message>
    <message>
      <source>The analysis process (maps and probes) stopped (exit code {0}) and was started again; the map and the probes carry on from the newest embeddings.</source>
      <translation>分析进程（分布图和探针）已停止（退出码 {0}）并已重新启动；分布图和探针将从最新的表示继续。</translation>
    </message>
    <message>
      <source>The training engine stopped unexpectedly (exit code {0}).</source>
      <translation>训练引擎意外停止（退出码 {0}）。</translation>
    </message>
  </context>
  <context>
    <name>SlowMotion</name>
    <message>
      <source>Slow motion</source>
      <translation>慢动作</translation>
    </message>
    <message>
      <source>While playing, one step of the discriminator, a pause, one step of the generator, a pause, and so on: see D's map change, then G's points follow (key M)</source>
      <translation>播放时：判别器走一步，停一下，生成器走一步，再停一下，如此往复：先看 D 的图变化，再看 G 的点跟上（按键 M）</translation>
    </message>
    <message>
      <source> s</source>
      <translation> 秒</translation>
    </message>
    <message>
      <source>Slow motion's pause between two steps, in seconds</source>
      <translation>慢动作中两步之间的停顿，单位为秒</translation>
    </message>
  </context>
  <context>
    <name>StatusBar</name>
    <message>
      <source>Encoder Lab checkpoints (*.safetensors);;All files (*)</source>
      <translation>Encoder Lab 检查点 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Open checkpoint</source>
      <translation>打开检查点</translation>
    </message>
    <message>
      <source>Save checkpoint</source>
      <translation>保存检查点</translation>
    </message>
    <message>
      <source>Save run B first?</source>
      <translation>先保存训练 B 吗？</translation>
    </message>
    <message>
      <source>Run B has trained to step {0} and is not saved; it closes when you {1}. Save it first?</source>
      <translation>训练 B 已训练到第 {0} 步，尚未保存；{1}时它会关闭。要先保存它吗？</translation>
    </message>
    <message>
      <source>Save before closing?</source>
      <translation>关闭前保存吗？</translation>
    </message>
    <message>
      <source>open {0}</source>
      <translation>打开 {0}</translation>
    </message>
    <message>
      <source>Save failed</source>
      <translation>保存失败</translation>
    </message>
    <message>
      <source>Save run B before closing?</source>
      <translation>关闭前保存运行 B？</translation>
    </message>
    <message>
      <source>Run B has trained to step {0} and is not saved. Save it before closing?</source>
      <translation>运行 B 已训练到第 {0} 步，尚未保存。关闭前要保存吗？</translation>
    </message>
    <message>
      <source>Cannot open checkpoint</source>
      <translation>无法打开检查点</translation>
    </message>
    <message>
      <source>opening {0} (step {1})…</source>
      <translation>正在打开 {0}（第 {1} 步）…</translation>
    </message>
    <message>
      <source>Encoder Lab — {0}</source>
      <translation>Encoder Lab — {0}</translation>
    </message>
    <message>
      <source>Encoder Lab — recovered {0}</source>
      <translation>Encoder Lab — 已恢复 {0}</translation>
    </message>
    <message>
      <source>The run has trained to step {0} and is not saved. Save it before closing?</source>
      <translation>当前训练已到第 {0} 步，尚未保存。关闭前要保存吗？</translation>
    </message>
    <message>
      <source>Save run B</source>
      <translation>保存训练 B</translation>
    </message>
    <message>
      <source>Compare: wait for the run to start</source>
      <translation>对比：请等待训练开始</translation>
    </message>
    <message>
      <source>starting B: {0}…</source>
      <translation>正在启动 B：{0}…</translation>
    </message>
    <message>
      <source>B: step {0}</source>
      <translation>B：第 {0} 步</translation>
    </message>
    <message>
      <source>run B: {0}</source>
      <translation>训练 B：{0}</translation>
    </message>
    <message>
      <source>the comparison run</source>
      <translation>对比训练</translation>
    </message>
    <message>
      <source>Training engine stopped</source>
      <translation>训练引擎已停止</translation>
    </message>
    <message>
      <source>Analysis</source>
      <translation>分析</translation>
    </message>
    <message>
      <source>Run B stopped</source>
      <translation>训练 B 已停止</translation>
    </message>
    <message>
      <source>Training stopped</source>
      <translation>训练已停止</translation>
    </message>
    <message>
      <source> Whatever was saved is safe; press Play or Reset to start again.</source>
      <translation>已保存的内容不受影响；按“播放”或“重置”重新开始。</translation>
    </message>
    <message>
      <source>analysis restarted: the next map comes from the newest embeddings</source>
      <translation>分析已重启：下一张分布图将基于最新的表示</translation>
    </message>
    <message>
      <source>Cannot start run B</source>
      <translation>无法启动训练 B</translation>
    </message>
    <message>
      <source>Encoder Lab</source>
      <translation>Encoder Lab</translation>
    </message>
    <message>
      <source>{0} is now {1} from step {2}</source>
      <translation>从第 {2} 步起 {0} 为 {1}</translation>
    </message>
    <message>
      <source>Embedding map</source>
      <translation>表示 (Embedding) 分布图</translation>
    </message>
    <message>
      <source>Probes</source>
      <translation>探针 (probe)</translation>
    </message>
    <message>
      <source>epoch {0}</source>
      <translation>轮 (epoch) {0}</translation>
    </message>
    <message>
      <source>measuring…</source>
      <translation>测量中…</translation>
    </message>
    <message>
      <source>Cannot start the run</source>
      <translation>无法开始训练</translation>
    </message>
    <message>
      <source>Saving run B failed</source>
      <translation>保存训练 B 失败</translation>
    </message>
    <message>
      <source>Run B closed: {0} was opened; Run ▸ Compare… starts a new B</source>
      <translation>训练 B 已关闭：已打开 {0}；用 训练 ▸ 对比… 开始新的 B</translation>
    </message>
    <message>
      <source>A: step {0}</source>
      <translation>A：第 {0} 步</translation>
    </message>
    <message>
      <source>step {0}</source>
      <translation>第 {0} 步</translation>
    </message>
    <message>
      <source>{0} img/s</source>
      <translation>{0} 张/秒</translation>
    </message>
    <message>
      <source>Run B closed: run A is now {0} on {1}; Run ▸ Compare… starts a new B</source>
      <translation>训练 B 已关闭：训练 A 现在是 {0}（{1}）；用 训练 ▸ 对比… 开始新的 B</translation>
    </message>
    <message>
      <source>Cannot open {0}</source>
      <translation>无法打开 {0}</translation>
    </message>
  </context>
  <context>
    <name>Transport</name>
    <message>
      <source>Transport</source>
      <translation>播放控制</translation>
    </message>
    <message>
      <source>Play</source>
      <translation>播放</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>单步</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <source>Messages</source>
      <translation>消息</translation>
    </message>
    <message>
      <source>Play / pause training (Space)</source>
      <translation>开始 / 暂停训练 (空格键)</translation>
    </message>
    <message>
      <source>Take exactly one training step (S)</source>
      <translation>只训练一步 (S)</translation>
    </message>
    <message>
      <source>Start again from fresh weights with the settings on the left (R)</source>
      <translation>用左侧的设置从新的权重重新开始 (R)</translation>
    </message>
    <message>
      <source>Step D</source>
      <translation>判别器走一步 (D)</translation>
    </message>
    <message>
      <source>Step G</source>
      <translation>生成器走一步 (G)</translation>
    </message>
    <message>
      <source>start again</source>
      <translation>重新开始</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <source>One step of the discriminator (a WGAN's critic) alone: the generator does not move (D)</source>
      <translation>只让判别器（WGAN 中的评论器）走一步：生成器不动 (D)</translation>
    </message>
    <message>
      <source>One step of the generator alone, against the discriminator as it is (G)</source>
      <translation>只让生成器走一步，面对当前的判别器 (G)</translation>
    </message>
  </context>
  <context>
    <name>WindowDocks</name>
    <message>
      <source>Experiment</source>
      <translation>实验</translation>
    </message>
    <message>
      <source>Images</source>
      <translation>图像</translation>
    </message>
    <message>
      <source>Loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>Latent explorer</source>
      <translation>潜在空间探索</translation>
    </message>
    <message>
      <source>Embedding map</source>
      <translation>表示分布图</translation>
    </message>
    <message>
      <source>Metrics</source>
      <translation>指标</translation>
    </message>
    <message>
      <source>Method view</source>
      <translation>方法视图</translation>
    </message>
    <message>
      <source>Augmentations</source>
      <translation>数据增强</translation>
    </message>
  </context>
  <context>
    <name>WindowMenus</name>
    <message>
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Open checkpoint…</source>
      <translation>打开检查点(&amp;O)…</translation>
    </message>
    <message>
      <source>Open &amp;recent</source>
      <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
      <source>Re&amp;cover…</source>
      <translation>恢复(&amp;C)…</translation>
    </message>
    <message>
      <source>Reopen a run that was autosaved (every few minutes, and before a switch discarded it)</source>
      <translation>重新打开自动保存的运行（每隔几分钟保存一次，切换丢弃运行之前也会保存）</translation>
    </message>
    <message>
      <source>&amp;Save checkpoint</source>
      <translation>保存检查点(&amp;S)</translation>
    </message>
    <message>
      <source>Save checkpoint &amp;as…</source>
      <translation>检查点另存为(&amp;A)…</translation>
    </message>
    <message>
      <source>Open &amp;lesson file…</source>
      <translation>打开课程文件(&amp;L)…</translation>
    </message>
    <message>
      <source>Play a lesson from a .toml file (see assets/lessons/README.md)</source>
      <translation>播放一个 .toml 文件中的课程（格式见 assets/lessons/README.md）</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <source>Reset &amp;layout</source>
      <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
      <source>Every view back in its default place and size</source>
      <translation>所有视图回到默认位置和大小</translation>
    </message>
    <message>
      <source>&amp;Presentation</source>
      <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
      <source>Full screen, large type and thick lines for a projector (F11)</source>
      <translation>全屏、大字号、粗线条，适合投影 (F11)</translation>
    </message>
    <message>
      <source>loading…</source>
      <translation>加载中…</translation>
    </message>
  </context>
</TS>
